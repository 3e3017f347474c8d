#!/usr/bin/env node
// CommonJS (see bin/package.json): `ci --version` and `ci <command…> --help` are answered before the ES module
// loader, commander and the command tree load, since start-up is most of their cost (help from the templates
// `npm run build` captures from commander: dist/help.cjs). Every other run caches V8's compiled code where Node
// can (22.1+: module.enableCompileCache, in Node's default cache directory).
'use strict';
const args = process.argv.slice(2);
const last = args[args.length - 1];
const help = last === '--help' || last === '-h' ? require('../dist/help.cjs').helpFor(args, process) : undefined;
if (args.length === 1 && (args[0] === '--version' || args[0] === '-v')) {
  process.stdout.write(`${require('../package.json').version}\n`);
} else if (help !== undefined) {
  // As main(): a reader that stops early (`ci --help | head -1`) is not an error.
  process.stdout.on('error', (error) => {
    if (error.code !== 'EPIPE') throw error;
  });
  process.stdout.write(help);
} else {
  const { enableCompileCache } = require('node:module');
  if (enableCompileCache) enableCompileCache();
  else require('./code-cache.js').enableCodeCache(process.env);
  import('../dist/cli.js').then(({ main }) => main(process.argv)).then((code) => (process.exitCode = code));
}
