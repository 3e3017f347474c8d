// `ci operators eval`: runs v3 operators on a labelled set in a scratch configuration, scores them, and
// gates on the scores (exit 7). Everything it creates is deleted at the end, Ctrl-C and failures included.
import { randomBytes } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import type { Twilio } from 'twilio';
import { FILE_LIMITS } from '../../lib/adapters/files.js';
import { BulkState } from '../../lib/bulk-state.js';
import type { Context } from '../../lib/context.js';
import { ApiError, UsageError, toCliError } from '../../lib/errors.js';
import { gateFailure } from '../../lib/eval/gate.js';
import { conversationsIngest } from '../../lib/eval/ingest.js';
import { checkExpectedFits, readLabelledSet } from '../../lib/eval/labelled-set.js';
import { operatorsUnderTest } from '../../lib/eval/operators.js';
import { buildReport, exampleLine, renderReport } from '../../lib/eval/report.js';
import { EVAL_DONE, evaluate, type EvalDone, type Finished } from '../../lib/eval/run.js';
import { Scratch } from '../../lib/eval/scratch.js';
import { STALE_AFTER_MS, deleteStaleScratch } from '../../lib/eval/stale.js';
import type { LabelledExample, OperatorUnderTest } from '../../lib/eval/types.js';
import type { ViewResult } from '../../lib/output/types.js';
import { onlyV3 } from '../shared/generation.js';
import { ProgressBar, type Tally } from '../transcribe/progress.js';
import type { OptionsOf, Run } from '../spec.js';
import type { evaluate as spec } from './specs.js';

type Options = OptionsOf<typeof spec>;

const DEFAULT_CONCURRENCY = 5;
const RESULT_TIMEOUT_MS = 60_000;
/** A conversation file of the set may be as large as an operator's files. */
const CONVERSATION_LIMIT = FILE_LIMITS.operatorPart;
/** One line of the set: a conversation given inline may be long. */
const SET_LINE_LIMIT = FILE_LIMITS.operatorPart;

export const run: Run<typeof spec> = async (ctx, options, refs) => {
  onlyV3(ctx, 'operator evaluations');
  if (options.failOnRegression && refs.length < 2) {
    throw new UsageError('--fail-on-regression compares the second operator given with the first: give two');
  }
  const examples = await readSet(ctx, options.set);
  const client = await uninterruptedClient(ctx);
  const operators = await operatorsUnderTest(client, refs);
  checkExpectedFits(
    options.set,
    examples,
    operators.map((operator) => operator.outputFormat),
  );
  const now = () => ctx.now();
  const state = options.state ? await BulkState.openFor(options.state, ctx.journal, now, EVAL_DONE) : BulkState.none<EvalDone>(now);
  await deleteStale(ctx, client);
  const scratch = new Scratch({ keep: options.keep });
  const finished: Finished[] = [];
  let completed = false;
  const outcomes = async function* () {
    const bar = new ProgressBar(ctx.io, examples.length, { created: 'ran', exists: 'resumed', failed: 'failed' });
    const tally: Tally = { created: 0, exists: 0, failed: 0 };
    try {
      const plan = {
        operators,
        examples,
        ingest: conversationsIngest(client, ctx.signal),
        scratch,
        state,
        concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
        signal: ctx.signal,
        resultTimeoutMs: RESULT_TIMEOUT_MS,
        // The start time (what stale.ts reads), and a tag that makes the scratch names the run's alone.
        label: `${ctx.now().toISOString()} ${randomBytes(3).toString('hex')}`,
      };
      for await (const outcome of evaluate(client, plan)) {
        tally[outcome.resumed ? 'exists' : outcome.outcomes.some((one) => one.error !== undefined) ? 'failed' : 'created']++;
        bar.update(tally);
        finished.push(outcome);
        yield exampleLine(operators, outcome);
      }
      completed = true;
    } finally {
      bar.stop();
      ctx.log.hint(`eval: ${examples.length} conversations: ran ${tally.created}, resumed ${tally.exists}, failed ${tally.failed}`);
      await state.close();
      await cleanUp(ctx, client, scratch, options.keep, completed);
    }
  };
  const failure = () =>
    notRun(finished, options.state !== undefined) ?? gateFailure(buildReport(options.set, operators, finished).versions, gateOf(options));
  if (options.ndjson) return streamed(outcomes(), failure);
  await drain(outcomes());
  return report(options, operators, finished, options.keep ? scratch : undefined);
};

/** Conversations that could not be run make the scores unsound: exit 1 (after the report), whatever the gate says. */
function notRun(finished: readonly Finished[], withState: boolean): ApiError | undefined {
  const failed = finished.filter((outcome) => outcome.failed).length;
  if (failed === 0) return undefined;
  return new ApiError(
    `${failed} of ${finished.length} conversations could not be run (see their "error" in the report); the scores count them as wrong`,
    {
      hint: withState ? 'run the same command again to run only those' : 'add --state FILE to rerun only what failed',
    },
  );
}

function gateOf(options: Options) {
  return { minAccuracy: options.minAccuracy, noRegression: options.failOnRegression };
}

/** --ndjson: one line per example as it finishes; the gate is applied after the last one. */
function streamed(lines: AsyncGenerator<unknown>, failure: () => Error | undefined): ViewResult {
  async function* withGate() {
    yield* lines;
    const failed = failure();
    if (failed) throw failed;
  }
  return { kind: 'view', json: null, human: () => '', ndjson: withGate() };
}

function report(
  options: Options,
  operators: readonly OperatorUnderTest[],
  finished: readonly Finished[],
  kept: Scratch | undefined,
): ViewResult {
  const built = buildReport(options.set, operators, finished, kept?.kept());
  return {
    kind: 'view',
    json: built,
    human: (style) => renderReport(built, style),
    failure: notRun(finished, options.state !== undefined) ?? gateFailure(built.versions, gateOf(options)),
  };
}

/**
 * The run's client is not stopped by Ctrl-C: a create cut off in flight could leave a resource nobody knows
 * the ID of, and the deletes must run after it. Ctrl-C stops the run between requests instead (the worker
 * pool starts no new conversation, waits end early), and every request has its timeout.
 */
async function uninterruptedClient(ctx: Context): Promise<Twilio> {
  const { createTwilioClient } = await import('../../lib/client.js');
  return createTwilioClient(await ctx.credentials(), {
    env: ctx.env,
    debug: ctx.globals.debug ? (line) => ctx.log.debug(line) : undefined,
    allowInsecureHttp: ctx.globals.allowInsecureHttp,
  });
}

async function drain(items: AsyncIterable<unknown>): Promise<void> {
  for await (const item of items) void item;
}

/**
 * Deletes what the run created, unless --keep. What cannot be deleted fails a run that otherwise completed;
 * after an interrupt or another failure it is a warning, so that error (and its exit code) stands.
 */
async function cleanUp(ctx: Context, client: Twilio, scratch: Scratch, keep: boolean | undefined, completed: boolean): Promise<void> {
  if (Object.keys(scratch.kept()).length === 0) return;
  if (keep) {
    const kept = Object.entries(scratch.kept());
    if (kept.length) ctx.log.warn(`kept (--keep): ${kept.map(([kind, ids]) => `${kind} ${ids.join(', ')}`).join('; ')}`);
    return;
  }
  const problems = await scratch.removeAll(client);
  if (problems.length === 0) return;
  const message = `could not delete what the evaluation created: ${problems.join('; ')}`;
  const hint = 'delete them by hand (`ci configurations delete`, `ci conversations delete`)';
  if (!completed) return ctx.log.warn(`${message} (${hint})`);
  throw new ApiError(message, { hint });
}

/** What runs killed outright left behind is deleted by the next run (README, "ci operators eval"). */
async function deleteStale(ctx: Context, client: Twilio): Promise<void> {
  try {
    const { deleted, problems } = await deleteStaleScratch(client, new Date(ctx.now().getTime() - STALE_AFTER_MS));
    const kinds = Object.entries(deleted);
    if (kinds.length) {
      const hours = STALE_AFTER_MS / 3_600_000;
      const what = kinds.map(([kind, ids]) => `${kind} ${ids.length > 3 ? `(${ids.length})` : ids.join(', ')}`).join('; ');
      ctx.log.warn(`deleted what evaluations that started over ${hours} h ago and never cleaned up left behind: ${what}`);
    }
    if (problems.length) ctx.log.warn(`could not delete what earlier evaluations left behind: ${problems.join('; ')}`);
  } catch (error) {
    ctx.log.warn(`could not look for what earlier evaluations left behind: ${toCliError(error).message}`);
  }
}

async function readSet(ctx: Context, path: string): Promise<LabelledExample[]> {
  const baseDir = dirname(resolve(path));
  const readFile = async (file: string) => {
    const place = await ctx.files.resolveInside(baseDir, file);
    if ('outside' in place)
      throw new UsageError(`conversation file ${file} is refused: ${place.outside} (files must be inside the set's folder)`);
    return ctx.files.readText(place.path, { limit: CONVERSATION_LIMIT, what: 'conversation file' });
  };
  return readLabelledSet(path, ctx.files.readLines(path, { limit: SET_LINE_LIMIT, what: '--set' }), readFile);
}
