#!/usr/bin/env node
// CommonJS (see bin/package.json): `ci --version` is answered before the ES module loader, commander and
// the command tree load, since start-up is most of its cost. Every other run caches V8's compiled code
// where Node can (22.1+: module.enableCompileCache, in Node's default cache directory).
'use strict';
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-v')) {
  process.stdout.write(`${require('../package.json').version}\n`);
} else {
  require('node:module').enableCompileCache?.();
  import('../dist/cli.js').then(({ main }) => main(process.argv)).then((code) => (process.exitCode = code));
}
