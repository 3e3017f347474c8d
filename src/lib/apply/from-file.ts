// The steps for a file against the account: what `ci diff` prints and `ci apply` runs.
import type { Twilio } from 'twilio';
import { FILE_LIMITS } from '../adapters/files.js';
import { loadDesiredState, type LoadOptions } from './load.js';
import { computePlan, type PlanOptions, type Step } from './plan.js';
import { fetchCurrentState } from './state.js';

/** Loads and checks the file first (no request for a bad file), then reads the account and plans. */
export async function planFile(client: () => Promise<Twilio>, file: string, load: LoadOptions, options: PlanOptions): Promise<Step[]> {
  // The message names the file as given; stdin is "-".
  const text = await load.files.readText(file, { limit: FILE_LIMITS.applyFile, what: 'cannot read' });
  const desired = await loadDesiredState(file, text, load);
  // Conversation configurations are read for a file that lists them, and when --prune may delete what they run.
  const conversations =
    desired.v3?.conversationConfigurations !== undefined || (Boolean(options.prune) && Boolean(desired.v3?.sections.configurations));
  const v3 = desired.v3 !== undefined && (desired.v3.sections.operators || desired.v3.sections.configurations || conversations);
  return computePlan(desired, await fetchCurrentState(await client(), { v3, conversations }), options);
}
