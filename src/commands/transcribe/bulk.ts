// `ci transcribe --from-file`: validate every line, then transcribe with a worker pool; NDJSON out, summary on stderr.
import { readFile } from 'node:fs/promises';
import type { BulkLine, ResultsLine } from '../../lib/bulk.js';
import { parseBulkInput, type BulkItem } from '../../lib/bulk-input.js';
import type { Twilio } from 'twilio';
import { fileJournal } from '../../lib/adapters/journal.js';
import { BulkState } from '../../lib/bulk-state.js';
import type { Context } from '../../lib/context.js';
import { ApiError, UsageError, WaitError } from '../../lib/errors.js';
import type { CommandResult, OutputEvent } from '../../lib/output/types.js';
import { readAll } from '../../lib/stdin.js';
import { DEFAULT_INTERVAL_MS, DEFAULT_TIMEOUT_MS } from '../transcripts/waiting.js';
import { ProgressBar, type Tally } from './progress.js';

export interface BulkFlags {
  fromFile: string;
  concurrency?: number;
  state?: string;
  skipInvalid?: boolean;
  wait?: boolean;
  timeout?: number;
  interval?: number;
}

const DEFAULT_CONCURRENCY = 5;

/** Bulk flags need --from-file, and --from-file takes no single-transcript flags. */
export function checkBulkFlags(
  flags: Partial<BulkFlags> & {
    mediaUrl?: string;
    customerKey?: string;
    participant?: string[];
    mediaStartTime?: string;
    force?: boolean;
    json?: boolean;
  },
  recording: string | undefined,
): void {
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

export async function runBulk(ctx: Context, flags: BulkFlags, serviceSid: () => Promise<string>): Promise<CommandResult> {
  const items = await readItems(ctx, flags);
  const now = () => ctx.now();
  // Locked, read and compacted before any request: a state file in use, corrupt or unwritable is exit 2 with nothing sent.
  const state = flags.state ? await BulkState.open(flags.state, fileJournal, now) : BulkState.none(now);
  let sid: string;
  let client: Twilio;
  try {
    sid = await serviceSid();
    client = await ctx.client();
  } catch (error) {
    await state.close();
    throw error;
  }
  const { transcribeAll, waitForAll } = await import('../../lib/bulk.js');
  const concurrency = flags.concurrency ?? DEFAULT_CONCURRENCY;

  async function* events(): AsyncGenerator<OutputEvent> {
    const tally: Tally = { created: 0, exists: 0, failed: 0 };
    let resumed = 0;
    const bar = new ProgressBar(ctx.io, items.length);
    const finished: string[] = [];
    try {
      for await (const line of transcribeAll(client, items, { serviceSid: sid, concurrency, signal: ctx.signal, state, now })) {
        tally[line.outcome]++;
        if (line.resumed) resumed++;
        if (line.transcriptSid) finished.push(line.transcriptSid);
        bar.update(tally);
        yield ndjson(line);
      }
    } finally {
      await state.close();
      bar.stop();
      summarise(ctx, tally, resumed, items.length);
    }
    let unfinished = 0;
    if (flags.wait) {
      const wait = {
        timeoutMs: flags.timeout ?? DEFAULT_TIMEOUT_MS,
        intervalMs: flags.interval ?? DEFAULT_INTERVAL_MS,
        signal: ctx.signal,
      };
      for await (const results of waitForAll(client, finished, concurrency, wait)) {
        if (results.error) unfinished++;
        yield ndjson(results);
      }
    }
    if (tally.failed)
      throw new ApiError(`${tally.failed} of ${items.length} inputs failed (see their "error" lines)`, {
        hint: flags.state ? 'run the same command again to retry them' : 'add --state FILE to retry only what failed',
      });
    if (unfinished) throw new WaitError(`${unfinished} of ${finished.length} transcripts did not complete (see their "error" lines)`);
  }
  return { kind: 'events', events: events(), piped: 'ndjson' };
}

function ndjson(line: BulkLine | ResultsLine): OutputEvent {
  return { human: () => JSON.stringify(line), json: line };
}

function summarise(ctx: Context, tally: Tally, resumed: number, total: number): void {
  const fromEarlier = resumed ? ` (${resumed} resumed)` : '';
  ctx.io.stderr.write(
    `transcribe: ${total} inputs: ${tally.created} created, ${tally.exists} exist, ${tally.failed} failed${fromEarlier}\n`,
  );
}

async function readItems(ctx: Context, flags: BulkFlags): Promise<BulkItem[]> {
  const name = flags.fromFile === '-' ? 'stdin' : flags.fromFile;
  const text = flags.fromFile === '-' ? await readAll(ctx.io.stdin) : await readInput(flags.fromFile);
  const { items, invalid } = parseBulkInput(text);
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

async function readInput(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a directory'
          : code === 'EACCES'
            ? 'permission denied'
            : (error as Error).message;
    throw new UsageError(`--from-file ${file}: ${why}`);
  }
}
