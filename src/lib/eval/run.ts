// Running an evaluation: a scratch intelligence configuration (one rule: the operators under test, pinned, no
// trigger, no action), each labelled conversation ingested as text and the rule executed on it, the results
// collected; through the bulk worker pool, with retries, and resumable from a --state journal.
import { createHash } from 'node:crypto';
import type { Twilio } from 'twilio';
import type { BulkState, DoneRecord } from '../bulk-state.js';
import { ApiError, InterruptedError, WaitError, errorText, toCliError } from '../errors.js';
import { resultChecker } from '../operator-schema.js';
import { mapPool } from '../pool.js';
import { sleep } from '../time.js';
import { createConfiguration, listConfigurations } from '../v3/configurations.js';
import { listOperatorResults, type OperatorResult, type ResultFilters } from '../results-v3.js';
import { runRule } from '../v3/executions.js';
import { scratchDisplayName, type Scratch } from './scratch.js';
import { createdOnce, retried } from './steps.js';
import type { ExampleOutcome, LabelledExample, OperatorUnderTest, VersionOutcome } from './types.js';

/** How conversations get in: Conversations v2 in ci; the tests may stand in for it. */
export interface Ingest {
  /** Creates what conversations need to run `intelligenceConfigurationId`'s rules (named after `label`), recorded in `scratch`. */
  prepare(intelligenceConfigurationId: string, scratch: Scratch, label: string): Promise<void>;
  /** A new conversation holding the text (recorded in `scratch`): its ID. */
  conversation(example: LabelledExample, scratch: Scratch): Promise<string>;
}

/** What the --state journal keeps of a finished example: every version's outcome. */
export interface EvalDone {
  outcomes: VersionOutcome[];
}

export const EVAL_DONE: DoneRecord<EvalDone> = {
  header: JSON.stringify({ ci: 'eval-state', version: 1 }),
  read: ({ outcomes }) =>
    Array.isArray(outcomes) && outcomes.every((outcome) => typeof outcome === 'object' && outcome !== null)
      ? { outcomes: outcomes as VersionOutcome[] }
      : undefined,
};

export interface EvalPlan {
  operators: readonly OperatorUnderTest[];
  examples: readonly LabelledExample[];
  ingest: Ingest;
  scratch: Scratch;
  state: BulkState<EvalDone>;
  concurrency: number;
  signal: AbortSignal;
  /** How long to wait for an example's results once its rule was accepted. */
  resultTimeoutMs: number;
  /** Names the scratch configuration, e.g. the time the run started. */
  label: string;
}

/** An outcome, and whether it came from the state file rather than from this run. */
export interface Finished extends ExampleOutcome {
  resumed: boolean;
  /** It could not run (ingest, execution or results failed); each outcome says why. */
  failed: boolean;
}

const POLL_MS = 500;

/**
 * The journal's key of an example: its id and a digest of what its outputs depend on (the conversation and
 * the operator versions), so a changed conversation or operator list runs again rather than being resumed.
 */
export function stateKey(example: LabelledExample, operators: readonly OperatorUnderTest[]): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([example.conversation, operators.map((operator) => `${operator.id}@${operator.version}`)]))
    .digest('hex')
    .slice(0, 16);
  return `${example.id}#${digest}`;
}

/** Every example's outcome as it finishes: first those the state file has, then the rest through the pool. */
export async function* evaluate(client: Twilio, plan: EvalPlan): AsyncGenerator<Finished> {
  const { operators, state } = plan;
  const pending: LabelledExample[] = [];
  for (const example of plan.examples) {
    const done = state.done.get(stateKey(example, operators));
    if (done) yield { example, outcomes: done.outcomes, resumed: true, failed: false };
    else pending.push(example);
  }
  if (pending.length === 0) return;
  const ruleId = await scratchConfiguration(client, plan);
  for await (const finished of mapPool(pending, plan.concurrency, plan.signal, (example) => runExample(client, plan, ruleId, example))) {
    // An example that could not run is not done: a rerun with the same state file tries it again.
    if (!finished.failed) state.recordDone(stateKey(finished.example, operators), { outcomes: finished.outcomes });
    yield finished;
  }
  await state.flush();
}

/** The scratch configuration and what conversations need to run it; the rule's ID. */
async function scratchConfiguration(client: Twilio, plan: EvalPlan): Promise<{ configurationId: string; ruleId: string }> {
  const displayName = scratchDisplayName(plan.label);
  const created = await createdOnce(plan.signal, {
    create: () =>
      createConfiguration(client, {
        displayName,
        description: plan.scratch.description,
        rules: [{ operators: plan.operators.map(({ id, version }) => ({ id, version })), triggers: [], actions: [] }],
      }),
    find: async () => (await listConfigurations(client)).find((configuration) => configuration.displayName === displayName),
  });
  const configurationId = String(created.id);
  plan.scratch.add('intelligenceConfigurations', configurationId);
  const [rule] = Array.isArray(created.rules) ? (created.rules as { id?: unknown }[]) : [];
  if (typeof rule?.id !== 'string') throw new ApiError(`the scratch configuration ${configurationId} came back without its rule`);
  await plan.ingest.prepare(configurationId, plan.scratch, plan.label);
  return { configurationId, ruleId: rule.id };
}

async function runExample(
  client: Twilio,
  plan: EvalPlan,
  { configurationId, ruleId }: { configurationId: string; ruleId: string },
  example: LabelledExample,
): Promise<Finished> {
  try {
    // A conversation sent twice would be one nobody deletes, a communication sent twice a different conversation:
    // ingesting is retried only when the API said it did nothing (429). Running the rule again only runs it again.
    const conversationId = await retried(plan.signal, () => plan.ingest.conversation(example, plan.scratch), { onlyRefused: true });
    await retried(plan.signal, () => runRule(client, { intelligenceConfigurationId: configurationId, ruleId, conversationId }));
    const results = await resultsOf(client, plan, { conversationId, intelligenceConfigurationId: configurationId });
    return { example, outcomes: plan.operators.map((operator) => outcomeOf(operator, results)), resumed: false, failed: false };
  } catch (error) {
    if (error instanceof InterruptedError) throw error;
    const reason = errorText(toCliError(error));
    return { example, outcomes: plan.operators.map(() => ({ error: reason })), resumed: false, failed: true };
  }
}

/** The execution's results, once there is one per operator (Twilio runs rules asynchronously). */
async function resultsOf(client: Twilio, plan: EvalPlan, filters: ResultFilters): Promise<OperatorResult[]> {
  const deadline = Date.now() + plan.resultTimeoutMs;
  for (;;) {
    const results = await retried(plan.signal, () => listOperatorResults(client, filters));
    if (results.length >= plan.operators.length) return results;
    if (Date.now() > deadline) {
      if (results.length > 0) return results; // the missing operators' outcomes say so
      throw new WaitError(`no operator results after ${Math.round(plan.resultTimeoutMs / 1000)}s`);
    }
    await sleep(POLL_MS, plan.signal);
  }
}

const checkers = new WeakMap<OperatorUnderTest, (value: unknown) => string[]>();

function outcomeOf(operator: OperatorUnderTest, results: readonly OperatorResult[]): VersionOutcome {
  const result = results.find((candidate) => candidate.operator?.id === operator.id && candidate.operator.version === operator.version);
  if (!result) return { error: 'no result: the execution did not run this operator' };
  const value = result.result ?? {};
  const output = operator.outputFormat === 'JSON' ? value : operator.outputFormat === 'CLASSIFICATION' ? value.label : value.text;
  const system = systemOf(result);
  let check = checkers.get(operator);
  if (!check) checkers.set(operator, (check = operator.outputSchema ? resultChecker(operator.outputSchema) : () => []));
  return {
    output: output ?? null,
    ...system,
    schemaViolations: operator.outputFormat === 'JSON' ? check(output) : [],
  };
}

/** The billing metadata of a result (`metadata.system`), where it has numbers. */
function systemOf(result: OperatorResult): Pick<VersionOutcome, 'latencyMs' | 'inputCharacters' | 'outputCharacters'> {
  const system = (result.metadata as { system?: Record<string, unknown> } | undefined)?.system ?? {};
  const number = (value: unknown) => (typeof value === 'number' ? value : undefined);
  const picked = {
    latencyMs: number(system.latencyMs),
    inputCharacters: number(system.inputCharacters),
    outputCharacters: number(system.outputCharacters),
  };
  return Object.fromEntries(Object.entries(picked).filter(([, value]) => value !== undefined));
}
