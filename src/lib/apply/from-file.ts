// The steps for a file against the account: what `ci diff` prints and `ci apply` runs.
import { readFile } from 'node:fs/promises';
import type { Twilio } from 'twilio';
import type { Env } from '../context.js';
import { UsageError } from '../errors.js';
import { loadDesiredState } from './load.js';
import { computePlan, type PlanOptions, type Step } from './plan.js';
import { fetchCurrentState } from './state.js';

async function readSource(file: string, stdin: NodeJS.ReadableStream): Promise<string> {
  if (file === '-') {
    let text = '';
    for await (const chunk of stdin) text += chunk.toString();
    return text;
  }
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
}

/** Loads and checks the file first (no request for a bad file), then reads the account and plans. */
export async function planFile(
  client: () => Promise<Twilio>,
  file: string,
  io: { env: Env; stdin: NodeJS.ReadableStream },
  options: PlanOptions,
): Promise<Step[]> {
  const desired = await loadDesiredState(file, await readSource(file, io.stdin), io.env);
  return computePlan(desired, await fetchCurrentState(await client()), options);
}
