#!/usr/bin/env node
import { VERSION, isVersionOnly } from '../dist/version.js';

// `ci --version` is answered before commander and the command tree load: start-up is most of its cost.
if (isVersionOnly(process.argv.slice(2))) process.stdout.write(`${VERSION}\n`);
else process.exitCode = await (await import('../dist/cli.js')).main(process.argv);
