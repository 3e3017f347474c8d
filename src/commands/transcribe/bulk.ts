// `ci transcribe --from-file`: validate every line, then transcribe with a worker pool; NDJSON out, summary on stderr.
// The same for both generations: what an input makes (a classic transcript, a v3 transcription) is the BulkTarget.
import type { BulkOutcome, IngestOptions } from '../../lib/bulk.js';
import { parseBulkInput, type BulkItem } from '../../lib/bulk-input.js';
import { BulkState } from '../../lib/bulk-state.js';
import type { Context } from '../../lib/context.js';
import { UsageError, WaitError } from '../../lib/errors.js';
import type { CommandResult, OutputEvent } from '../../lib/output/types.js';
import { FILE_LIMITS } from '../../lib/adapters/files.js';
import { DEFAULT_INTERVAL_MS, DEFAULT_TIMEOUT_MS } from '../shared/waiting.js';
import type { OptionsOf } from '../spec.js';
import type { transcribeCommand } from './specs.js';
import { failedInputs, ProgressBar, summaryLine, type Tally } from './progress.js';

type TranscribeOptions = OptionsOf<typeof transcribeCommand>;

/** Transcribe's options in bulk mode, where --from-file is given. */
type BulkOptions = TranscribeOptions & { fromFile: string };

const DEFAULT_CONCURRENCY = 5;

/** What one generation makes of the inputs: the lines as they finish, and with --wait the results of each. */
export interface BulkTarget<L extends { outcome: BulkOutcome; resumed?: true }> {
  lines(items: readonly BulkItem[], options: IngestOptions): AsyncGenerator<L>;
  /** The ID the line's input made, to wait for with --wait. */
  idOf(line: L): string | null;
  waitForAll(
    ids: readonly string[],
    concurrency: number,
    wait: { timeoutMs: number; intervalMs: number; signal: AbortSignal },
  ): AsyncGenerator<{ error?: string }>;
  /** What the inputs make, for messages: "transcripts", "transcriptions". */
  noun: string;
}

/** Bulk flags need --from-file, and --from-file takes no single-transcript flags. */
export function checkBulkFlags(flags: TranscribeOptions, recording: string | undefined): void {
  if (flags.fromFile === undefined) {
    const stray = [
      flags.concurrency !== undefined && '--concurrency',
      flags.state !== undefined && '--state',
      flags.skipInvalid && '--skip-invalid',
    ].find(Boolean);
    if (stray) throw new UsageError(`${stray} only applies with --from-file`);
    return;
  }
  const single = [
    recording !== undefined && 'a recording SID argument',
    flags.mediaUrl !== undefined && '--media-url',
    flags.customerKey !== undefined && '--customer-key (give it per line: SID,key)',
    flags.participant && '--participant',
    flags.mediaStartTime !== undefined && '--media-start-time',
    flags.force && '--force',
    flags.json && '--json (bulk output is NDJSON already)',
  ].find(Boolean);
  if (single) throw new UsageError(`--from-file cannot be combined with ${single}`);
}

export async function runBulk<L extends { outcome: BulkOutcome; resumed?: true }>(
  ctx: Context,
  flags: BulkOptions,
  targetOf: () => Promise<BulkTarget<L>>,
): Promise<CommandResult> {
  const items = await readItems(ctx, flags);
  const now = () => ctx.now();
  // Locked, read and compacted before any request: a state file in use, corrupt or unwritable is exit 2 with nothing sent.
  const state = flags.state ? await BulkState.open(flags.state, ctx.journal, now) : BulkState.none(now);
  let target: BulkTarget<L>;
  try {
    target = await targetOf();
  } catch (error) {
    await state.close();
    throw error;
  }
  const concurrency = flags.concurrency ?? DEFAULT_CONCURRENCY;

  async function* events(): AsyncGenerator<OutputEvent> {
    const tally: Tally = { created: 0, exists: 0, failed: 0 };
    let resumed = 0;
    const bar = new ProgressBar(ctx.io, items.length);
    const finished: string[] = [];
    try {
      for await (const line of target.lines(items, { concurrency, signal: ctx.signal, state, now })) {
        tally[line.outcome]++;
        if (line.resumed) resumed++;
        const id = target.idOf(line);
        if (id) finished.push(id);
        bar.update(tally);
        yield ndjson(line);
      }
    } finally {
      await state.close();
      bar.stop();
      ctx.io.stderr.write(`${summaryLine('transcribe', items.length, tally, resumed)}\n`);
    }
    let unfinished = 0;
    if (flags.wait) {
      const wait = {
        timeoutMs: flags.timeout ?? DEFAULT_TIMEOUT_MS,
        intervalMs: flags.interval ?? DEFAULT_INTERVAL_MS,
        signal: ctx.signal,
      };
      for await (const results of target.waitForAll(finished, concurrency, wait)) {
        if (results.error) unfinished++;
        yield ndjson(results);
      }
    }
    const failure = failedInputs(tally, items.length, flags.state !== undefined);
    if (failure) throw failure;
    if (unfinished) throw new WaitError(`${unfinished} of ${finished.length} ${target.noun} did not complete (see their "error" lines)`);
  }
  return { kind: 'stream', events: events(), piped: 'ndjson' };
}

function ndjson(line: object): OutputEvent {
  return { human: () => JSON.stringify(line), json: line };
}

async function readItems(ctx: Context, flags: BulkOptions): Promise<BulkItem[]> {
  const name = flags.fromFile === '-' ? 'stdin' : flags.fromFile;
  const lines: string[] = [];
  for await (const line of ctx.files.readLines(flags.fromFile, { limit: FILE_LIMITS.bulkLine, what: '--from-file' })) lines.push(line.text);
  const { items, invalid } = parseBulkInput(lines.join('\n'));
  if (invalid.length && !flags.skipInvalid) {
    const listed = invalid
      .slice(0, 5)
      .map((bad) => `line ${bad.line}: ${bad.reason}`)
      .join('; ');
    const more = invalid.length > 5 ? `; and ${invalid.length - 5} more` : '';
    throw new UsageError(
      `${name}: ${invalid.length} malformed line${invalid.length === 1 ? '' : 's'}, nothing was sent: ${listed}${more}`,
      { hint: 'fix them, or pass --skip-invalid' },
    );
  }
  for (const bad of invalid) ctx.log.warn(`${name} line ${bad.line} skipped: ${bad.reason}`);
  if (items.length === 0)
    throw new UsageError(`${name} holds no recording SIDs or media URLs`, {
      hint: 'one RE… SID or http(s) URL per line, optionally ,customerKey',
    });
  return items;
}
