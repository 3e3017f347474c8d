import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './temp.js';
import { CHILD_TIMEOUT_MS } from './timeouts.js';

/**
 * Completions bash offers for the words typed (the last one is being completed); async, so an in-process emulator
 * can answer. Bash runs in a process group of its own, killed as a whole (with the ci it started) within the test's bound.
 */
export async function completeInBash(script: string, words: string[], env?: Record<string, string>): Promise<string[]> {
  const file = join(tempDir('ci-completion-'), 'ci.bash');
  writeFileSync(file, script);
  const program = `source ${file}; COMP_WORDS=(${words.map((word) => `'${word}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _ci_complete; printf '%s\\n' "\${COMPREPLY[@]}"`;
  const bash = spawn('bash', ['-c', program], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const timer = setTimeout(() => {
    if (bash.pid !== undefined) process.kill(-bash.pid, 'SIGKILL');
  }, CHILD_TIMEOUT_MS);
  let stdout = '';
  let stderr = '';
  bash.stdout.on('data', (chunk) => (stdout += String(chunk)));
  bash.stderr.on('data', (chunk) => (stderr += String(chunk)));
  const code = await new Promise<number | null>((resolve, reject) => {
    bash.once('error', reject);
    bash.once('close', resolve);
  }).finally(() => clearTimeout(timer));
  if (code !== 0) throw new Error(`bash completion exited ${code}: ${stderr}`);
  return stdout.split('\n').filter(Boolean);
}
