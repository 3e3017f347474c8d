// The version, read once from package.json; its own module so `ci --version` can skip loading commander.
import { readFileSync } from 'node:fs';

export const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** True for a bare `ci --version` / `ci -v`, answered without building the command tree. */
export function isVersionOnly(args: string[]): boolean {
  return args.length === 1 && (args[0] === '--version' || args[0] === '-v');
}
