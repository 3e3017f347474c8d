// Node 20 has no module.enableCompileCache (22.1+), so a run there compiles the SDK's hundred and more CommonJS
// files from source every time. This keeps V8's code cache for each CommonJS module in the user's cache directory
// ($XDG_CACHE_HOME/twilio-ci/v8-code/<node version>-<arch>, else ~/.cache/...), one file per module path,
// headed by the SHA-1 of the source it was made from: changed code misses and is rewritten, and V8 refuses data
// that does not fit its version and flags. Any trouble reading or writing the cache is a miss, never an error.
'use strict';
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const Module = require('node:module');
const os = require('node:os');
const path = require('node:path');
const vm = require('node:vm');

const DIGEST_BYTES = 20;

function cacheDirectory(env) {
  const base = env.XDG_CACHE_HOME || path.join(env.HOME || os.homedir(), '.cache');
  return path.join(base, 'twilio-ci', 'v8-code', `${process.version}-${process.arch}`);
}

/** `require` for a module compiled here, as Node's own loader gives it. */
function requireFor(module) {
  const require = (id) => module.require(id);
  require.resolve = (request, options) => Module._resolveFilename(request, module, false, options);
  require.resolve.paths = (request) => Module._resolveLookupPaths(request, module);
  require.main = process.mainModule;
  require.extensions = Module._extensions;
  require.cache = Module._cache;
  return require;
}

function readCache(file, digest) {
  try {
    const data = fs.readFileSync(file);
    return data.subarray(0, DIGEST_BYTES).equals(digest) ? data.subarray(DIGEST_BYTES) : undefined;
  } catch {
    return undefined;
  }
}

function writeCaches(directory, misses) {
  try {
    fs.mkdirSync(directory, { recursive: true, mode: 0o700 });
    for (const { file, digest, script } of misses) {
      const temporary = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(temporary, Buffer.concat([digest, script.createCachedData()]), { mode: 0o600 });
      fs.renameSync(temporary, file);
    }
  } catch {
    // A read-only or full disk: the next run compiles from source again.
  }
}

/**
 * Compiles every CommonJS module loaded from here on through V8's code cache. The outermost module of each
 * require tree goes through Node's own compile (which keeps its stat cache for the tree's resolutions).
 */
exports.enableCodeCache = function enableCodeCache(env) {
  const directory = cacheDirectory(env);
  const misses = [];
  const nodeCompile = Module.prototype._compile;
  let depth = 0;
  Module.prototype._compile = function compile(content, filename, format) {
    depth++;
    try {
      if (depth === 1 || (format !== undefined && format !== 'commonjs')) return nodeCompile.call(this, content, filename, format);
      const digest = createHash('sha1').update(content).digest();
      const file = path.join(directory, createHash('sha1').update(filename).digest('hex'));
      const cachedData = readCache(file, digest);
      const source = Module.wrap(content.startsWith('#!') ? `//${content.slice(2)}` : content);
      const script = new vm.Script(source, {
        filename,
        cachedData,
        importModuleDynamically: vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER,
      });
      if (cachedData === undefined || script.cachedDataRejected) misses.push({ file, digest, script });
      const wrapper = script.runInThisContext({ displayErrors: true });
      return wrapper.call(this.exports, this.exports, requireFor(this), this, filename, path.dirname(filename));
    } finally {
      depth--;
    }
  };
  // Written at exit, so the cache holds the functions the run compiled lazily too.
  process.once('exit', () => misses.length && writeCaches(directory, misses));
};
