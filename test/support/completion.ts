import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { tempDir } from './temp.js';

/** Completions bash offers for the words typed (the last one is being completed); async, so an in-process emulator can answer. */
export async function completeInBash(script: string, words: string[], env?: Record<string, string>): Promise<string[]> {
  const file = join(tempDir('ci-completion-'), 'ci.bash');
  writeFileSync(file, script);
  const program = `source ${file}; COMP_WORDS=(${words.map((word) => `'${word}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _ci_complete; printf '%s\\n' "\${COMPREPLY[@]}"`;
  const { stdout } = await promisify(execFile)('bash', ['-c', program], { encoding: 'utf8', env });
  return stdout.split('\n').filter(Boolean);
}
