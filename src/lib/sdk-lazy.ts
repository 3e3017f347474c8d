// The SDK's BaseTwilio requires its RequestClient when it loads, and with it axios, form-data, https-proxy-agent,
// follow-redirects, qs and the client validation token's jsonwebtoken: most of what `require('twilio')` costs,
// for a transport ci replaces (its own, given as `httpClient`). Its compiled code reads RequestClient only as
// `RequestClient_1.default`, when no `httpClient` was given, so a stand-in whose `default` loads the real module
// lets ci skip it and leaves the SDK's behaviour as it was for anyone else.
import Module, { createRequire } from 'node:module';

const requireHere = createRequire(import.meta.url);
const SDK_TRANSPORT = 'twilio/lib/base/RequestClient.js';

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

/** Runs `load` (which loads the SDK's BaseTwilio) without loading the SDK's own transport, which ci never uses. */
export async function withoutSdkTransport<T>(load: () => Promise<T>): Promise<T> {
  const path = resolvedPath(SDK_TRANSPORT);
  const takeOut = path === undefined ? undefined : deferDefaultExport(path);
  try {
    return await load();
  } finally {
    takeOut?.();
  }
}
