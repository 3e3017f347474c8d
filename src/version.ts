// The version, read once from package.json; for the command tree (bin/ci.js answers a bare `ci --version` itself).
import { readFileSync } from 'node:fs';

export const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
