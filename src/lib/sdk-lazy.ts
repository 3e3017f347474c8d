// The SDK's RequestClient requires its Public Key Client Validation token when it loads, and with it jsonwebtoken,
// semver and lodash pieces (77 of the 211 dependency modules `ci results` loads), for a `validationClient` option ci never
// passes. Its compiled code reads the token only as `ValidationToken_1.default`, in that option's interceptor, so a
// stand-in whose `default` loads the real module lets ci skip it and leaves the SDK's behaviour as it was.
import Module, { createRequire } from 'node:module';

const requireHere = createRequire(import.meta.url);
const VALIDATION_TOKEN = 'twilio/lib/jwt/validation/ValidationToken.js';

/** What `__importDefault(exports).default` is in TypeScript's CommonJS output. */
function defaultExport(exports: unknown): unknown {
  const isEsModule = typeof exports === 'object' && exports !== null && '__esModule' in exports && exports.__esModule === true;
  return isEsModule && 'default' in exports ? exports.default : exports;
}

/**
 * Puts a stand-in for the CommonJS module at `path` in require.cache, whose `default` takes the stand-in out
 * and loads the real module when first read. Returns what takes it out unread, after which `path` loads as usual.
 * Does nothing when the module is already loaded.
 */
export function deferDefaultExport(path: string): () => void {
  const cache = requireHere.cache;
  if (cache[path]) return () => {};
  const standIn = new Module(path);
  const takeOut = () => {
    if (cache[path] === standIn) delete cache[path];
  };
  standIn.filename = path;
  standIn.exports = Object.defineProperties(
    {},
    {
      __esModule: { value: true },
      default: {
        enumerable: true,
        get: () => {
          takeOut();
          return defaultExport(requireHere(path));
        },
      },
    },
  );
  standIn.loaded = true;
  cache[path] = standIn;
  return takeOut;
}

function resolvedPath(request: string): string | undefined {
  try {
    return requireHere.resolve(request);
  } catch {
    return undefined; // the SDK's layout changed: load it as it is
  }
}

/** Runs `load` (which loads the SDK's RequestClient) without loading the client validation token it never uses. */
export async function withoutClientValidation<T>(load: () => Promise<T>): Promise<T> {
  const path = resolvedPath(VALIDATION_TOKEN);
  const takeOut = path === undefined ? undefined : deferDefaultExport(path);
  try {
    return await load();
  } finally {
    takeOut?.();
  }
}
