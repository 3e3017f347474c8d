// bin/code-cache.js (V8's code cache for CommonJS modules where Node has no module.enableCompileCache, i.e. Node 20)
// runs in a fresh process only: it changes how that process compiles the modules it requires. Each run here is one
// node process that turns it on and requires a module tree written for the test.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp.js';

const CODE_CACHE = fileURLToPath(new URL('../../bin/code-cache.js', import.meta.url));

/** A module tree: entry.js (compiled by Node, as the outermost module is) requires inner.js (through the cache). */
function moduleTree(inner: string): string {
  const folder = tempDir('ci-code-cache-src-');
  writeFileSync(join(folder, 'entry.js'), "'use strict';\nmodule.exports = require('./inner.js');\n");
  writeFileSync(join(folder, 'inner.js'), inner);
  return folder;
}

function run(folder: string, cacheHome: string): { status: number | null; stdout: string; stderr: string } {
  const script = `require(${JSON.stringify(CODE_CACHE)}).enableCodeCache(process.env);
const inner = require(${JSON.stringify(join(folder, 'entry.js'))});
process.stdout.write(inner.answer() + ' ' + typeof require.resolve + ' ' + inner.dirname);`;
  return spawnSync(process.execPath, ['-e', script], { env: { ...process.env, XDG_CACHE_HOME: cacheHome }, encoding: 'utf8' });
}

const cacheFiles = (cacheHome: string) => {
  const versions = join(cacheHome, 'twilio-ci', 'v8-code');
  return readdirSync(versions).flatMap((version) => readdirSync(join(versions, version)).map((file) => join(versions, version, file)));
};

const INNER = "'use strict';\nexports.answer = () => 'one';\nexports.dirname = require('node:path').basename(__dirname);\n";

describe('the CommonJS code cache (Node 20)', () => {
  it('writes one cache file per module, under $XDG_CACHE_HOME, and runs the module the same from it', () => {
    const folder = moduleTree(INNER);
    const cacheHome = tempDir('ci-code-cache-');
    const expected = `one function ${folder.split('/').pop()}`;
    expect(run(folder, cacheHome)).toMatchObject({ status: 0, stdout: expected, stderr: '' });
    expect(cacheFiles(cacheHome)).toHaveLength(1);
    expect(run(folder, cacheHome)).toMatchObject({ status: 0, stdout: expected, stderr: '' });
  });

  it('misses when the source changes, even to one of the same length', () => {
    const folder = moduleTree(INNER);
    const cacheHome = tempDir('ci-code-cache-');
    expect(run(folder, cacheHome).stdout).toMatch(/^one /);
    writeFileSync(join(folder, 'inner.js'), INNER.replace("'one'", "'two'"));
    expect(run(folder, cacheHome)).toMatchObject({ status: 0, stdout: expect.stringMatching(/^two /) as unknown, stderr: '' });
    expect(run(folder, cacheHome).stdout).toMatch(/^two /);
  });

  it('treats a corrupt, truncated or foreign cache file as a miss, and an unwritable cache as none', () => {
    const folder = moduleTree(INNER);
    const cacheHome = tempDir('ci-code-cache-');
    expect(run(folder, cacheHome).status).toBe(0);
    const [file] = cacheFiles(cacheHome);
    if (file === undefined) throw new Error('no cache file written');
    const good = readFileSync(file);
    const damaged = [
      Buffer.concat([good.subarray(0, 20), Buffer.alloc(good.length - 20, 0x5a)]), // the right source, garbage code
      good.subarray(0, 20 + Math.floor((good.length - 20) / 2)), // cut short
      Buffer.alloc(3), // shorter than its header
    ];
    for (const bytes of damaged) {
      writeFileSync(file, bytes);
      expect(run(folder, cacheHome)).toMatchObject({ status: 0, stdout: expect.stringMatching(/^one /) as unknown, stderr: '' });
    }
    const notADirectory = join(tempDir('ci-code-cache-'), 'file');
    writeFileSync(notADirectory, '');
    expect(run(folder, notADirectory)).toMatchObject({ status: 0, stdout: expect.stringMatching(/^one /) as unknown, stderr: '' });
  });
});
