// `ci conversations ingest` in bulk: every input through lib/conversations-ingest (the bulk core: exactly one
// conversation per input, resumable with --state); NDJSON lines as inputs finish (or with --json one array in
// input order), progress on a terminal's stderr, a summary line, and exit 1 when an input failed.
import { BulkState, TRANSCRIPT_DONE, type DoneRecord } from '../../lib/bulk-state.js';
import type { Context } from '../../lib/context.js';
import {
  ingestConversations,
  type ConversationBulkOptions,
  type ConversationItem,
  type ConversationLine,
} from '../../lib/conversations-ingest.js';
import { ApiError, UsageError } from '../../lib/errors.js';
import type { CommandResult, OutputEvent } from '../../lib/output/types.js';
import type { OptionsOf } from '../spec.js';
import { failedInputs, ProgressBar, summaryLine, type Tally } from '../transcribe/progress.js';
import type { IngestInput } from './ingest-inputs.js';
import type { ingest } from './ingest-specs.js';

const DEFAULT_CONCURRENCY = 5;

/** The state file of an ingest run: transcribe's records, under a header of its own (one kind's file is refused by the other). */
const INGEST_DONE: DoneRecord<{ transcriptSid: string; outcome: 'created' | 'exists' }> = {
  header: JSON.stringify({ ci: 'conversations-ingest-state', version: 1 }),
  read: (fields) => TRANSCRIPT_DONE.read(fields),
};

/** What the bulk run needs besides the inputs: the configuration and the clock's start, resolved by the caller. */
export interface BulkSettings {
  configurationId: () => Promise<string>;
  start: Date | undefined;
}

export async function ingestInBulk(
  ctx: Context,
  options: OptionsOf<typeof ingest>,
  inputs: readonly IngestInput[],
  settings: BulkSettings,
): Promise<CommandResult> {
  refuseTableFlags(options);
  const items = itemsOf(inputs, options.name);
  const now = () => ctx.now();
  // Locked, read and compacted before any request: a state file in use, corrupt or unwritable is exit 2 with nothing sent.
  const state = options.state ? await BulkState.openFor(options.state, ctx.journal, now, INGEST_DONE) : BulkState.none(now);
  let lines: AsyncGenerator<ConversationLine>;
  try {
    const client = await ctx.client();
    const run: ConversationBulkOptions = {
      concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
      signal: ctx.signal,
      state,
      now,
      configurationId: await settings.configurationId(),
      channel: options.channel ?? 'CHAT',
      close: options.close === true,
      ...(settings.start ? { start: settings.start } : {}),
    };
    lines = ingestConversations(client, items, run);
  } catch (error) {
    await state.close();
    throw error;
  }
  const counts: Tally = { created: 0, exists: 0, failed: 0 };
  const failure = () => failedInputs(counts, items.length, options.state !== undefined);
  const tallied = tally(ctx, items.length, lines, state, counts, !options.json);
  if (!options.json) return { kind: 'stream', events: events(tallied, failure), piped: 'ndjson' };
  // One document: every line, in input order, then the exit code.
  const all: ConversationLine[] = [];
  for await (const line of tallied) all.push(line);
  const order = new Map(items.map((item, index) => [item.input, index]));
  all.sort((a, b) => (order.get(a.source) ?? 0) - (order.get(b.source) ?? 0));
  const failed = failure();
  return {
    kind: 'view',
    json: all,
    human: () => all.map((line) => JSON.stringify(line)).join('\n'),
    ...(failed ? { failure: failed } : {}),
  };
}

/** A bulk run prints every field of one line per input: the table's flags would be ignored, so they are refused. */
function refuseTableFlags(options: OptionsOf<typeof ingest>): void {
  const given = [
    options.fields !== undefined && '--fields',
    options.header === false && '--no-header',
    Number.isFinite(options.limit) && '--limit',
  ].filter((flag) => flag !== false);
  if (given.length)
    throw new UsageError(`${given.join(', ')} shape one file's table; a bulk run prints one JSON line per input`, {
      hint: 'pick fields from the lines with jq, or ingest one file for the table',
    });
}

function itemsOf(inputs: readonly IngestInput[], name: string | undefined): ConversationItem[] {
  const seen = new Set<string>();
  return inputs.map((input, index) => {
    if (seen.has(input.source)) throw new UsageError(`${input.source} is given twice: each input is ingested once`);
    seen.add(input.source);
    return { input: input.source, line: index + 1, name: name ?? input.name, written: input.written };
  });
}

/** The lines, counted into `counts` for the progress bar, the summary and the exit; the state file is closed when they end. */
async function* tally(
  ctx: Context,
  total: number,
  lines: AsyncGenerator<ConversationLine>,
  state: BulkState,
  counts: Tally,
  summary: boolean,
): AsyncGenerator<ConversationLine> {
  let resumed = 0;
  const bar = new ProgressBar(ctx.io, total);
  try {
    for await (const line of lines) {
      counts[line.outcome]++;
      if (line.resumed) resumed++;
      bar.update(counts);
      yield line;
    }
  } finally {
    await state.close();
    bar.stop();
    if (summary) ctx.log.note(summaryLine('ingest', total, counts, resumed));
  }
}

async function* events(lines: AsyncGenerator<ConversationLine>, failure: () => ApiError | undefined): AsyncGenerator<OutputEvent> {
  for await (const line of lines) yield { human: () => JSON.stringify(line), json: line };
  const failed = failure();
  if (failed) throw failed;
}
