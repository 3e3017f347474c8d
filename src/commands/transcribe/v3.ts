// `ci transcribe` on v3: a Voice v3 transcription into a new conversation of a Conversations configuration,
// through the Voice v2 transcription configuration ci makes (or reuses) for it; the conversation is closed once
// transcribed (so its CONVERSATION_END rules run) unless --no-close; --wait then waits for the rules' results.
import type { Context } from '../../lib/context.js';
import { resolveConversationConfigurationId } from '../../lib/conversations-v2.js';
import { UsageError } from '../../lib/errors.js';
import type { CommandResult } from '../../lib/output/types.js';
import { startSpinner } from '../../lib/spinner.js';
import { closeOnce, transcribeAllV3, waitForAllV3 } from '../../lib/transcriptions-bulk.js';
import {
  findTranscriptionOfRecording,
  startTranscription,
  transcriptionConfigurationFor,
  waitForConversationResults,
  waitForTranscription,
  type WaitOptions,
} from '../../lib/transcriptions.js';
import { renderConversationResults } from '../../lib/results-v3.js';
import { listOperators } from '../../lib/v3/operators.js';
import { checkWaitFlags, waitTimingOf } from '../shared/waiting.js';
import type { OptionsOf } from '../spec.js';
import { runBulk } from './bulk.js';
import type { transcribeCommand } from './specs.js';
import { sourceOf } from './source.js';
import { TRANSCRIPTION_COLUMNS } from '../transcriptions/columns.js';

type TranscribeOptions = OptionsOf<typeof transcribeCommand>;

export async function runV3(ctx: Context, flags: TranscribeOptions, recording: string | undefined): Promise<CommandResult> {
  const ref = flags.conversationConfiguration;
  if (ref === undefined) {
    throw new UsageError('v3 transcribes into a conversation: give --conversation-configuration', {
      hint: 'or --generation classic and --service for a classic transcript',
    });
  }
  refuseClassicFlags(flags);
  checkWaitFlags(flags, { waits: flags.close, when: 'when ci waits to close the conversation (v3 without --no-close)' });
  const timing = { ...waitTimingOf(flags), signal: ctx.signal };
  const configurationIdOf = async () => {
    const client = await ctx.client();
    return transcriptionConfigurationFor(client, await resolveConversationConfigurationId(client, ref));
  };
  if (flags.fromFile !== undefined) return runV3Bulk(ctx, { ...flags, fromFile: flags.fromFile }, timing, configurationIdOf);
  const source = sourceOf(recording, flags);
  const configurationId = await configurationIdOf();
  const client = await ctx.client();
  const earlier =
    'recordingSid' in source && !flags.force ? await findTranscriptionOfRecording(client, source.recordingSid, configurationId) : undefined;
  const transcription = earlier ?? (await startTranscription(client, { configurationId, source }));
  const id = String(transcription.id);
  if (earlier)
    ctx.log.warn(
      `${recording} already has transcription ${id} (${String(earlier.status)}); showing it. Use --force to transcribe it again.`,
    );
  else ctx.log.hint(`Queued transcription ${id}.`);
  if (!flags.close && !flags.wait) {
    ctx.log.hint(`Next: ci transcriptions show ${id}`);
    return { kind: 'item', data: transcription, columns: TRANSCRIPTION_COLUMNS };
  }
  return waitForTranscribed(ctx, flags, id, timing);
}

/** --from-file: one transcription a line, through the shared bulk runner. */
function runV3Bulk(
  ctx: Context,
  flags: TranscribeOptions & { fromFile: string },
  timing: WaitOptions,
  configurationIdOf: () => Promise<string>,
): Promise<CommandResult> {
  return runBulk(ctx, flags, async () => {
    const configurationId = await configurationIdOf();
    const client = await ctx.client();
    return {
      noun: 'transcriptions',
      lines: (items, options) => transcribeAllV3(client, items, { ...options, configurationId, close: flags.close, wait: timing }),
      idOf: (line) => line.transcriptionId,
      waitForAll: (ids, concurrency, wait) => waitForAllV3(client, ids, { concurrency, closed: flags.close, wait }),
    };
  });
}

/** Waits for the transcription, closes its conversation (unless --no-close), and with --wait waits for the rules' results. */
async function waitForTranscribed(ctx: Context, flags: TranscribeOptions, id: string, timing: WaitOptions): Promise<CommandResult> {
  const client = await ctx.client();
  const completed = await withSpinner(ctx, `transcription ${id}`, (onStatus) => waitForTranscription(client, id, { ...timing, onStatus }));
  const conversationId = typeof completed.conversationId === 'string' ? completed.conversationId : undefined;
  if (conversationId && flags.close) {
    await closeOnce(client, conversationId);
    ctx.log.hint(`Closed conversation ${conversationId}: its CONVERSATION_END rules run now.`);
  }
  if (!flags.wait || !conversationId) {
    if (conversationId) ctx.log.hint(`Next: ci results ${conversationId}`);
    return { kind: 'item', data: completed, columns: TRANSCRIPTION_COLUMNS };
  }
  const operatorResults = await withSpinner(ctx, `conversation ${conversationId}`, (onStatus) =>
    waitForConversationResults(client, conversationId, flags.close, { ...timing, onStatus }),
  );
  const report = { transcription: completed, operatorResults };
  const names = new Map((await listOperators(client)).map((operator) => [String(operator.id), String(operator.displayName)]));
  return {
    kind: 'view',
    json: report,
    human: (style) => `${renderConversationResults(conversationId, operatorResults, names, style)}\n`,
  };
}

/** Flags of classic transcripts: refused with v3 rather than ignored. */
function refuseClassicFlags(flags: TranscribeOptions): void {
  const classic = [
    flags.service !== undefined && '--service (a classic Intelligence Service; v3 uses --conversation-configuration)',
    flags.customerKey !== undefined && '--customer-key',
    flags.participant && '--participant',
    flags.mediaStartTime !== undefined && '--media-start-time',
  ].find(Boolean);
  if (classic) throw new UsageError(`--conversation-configuration cannot be combined with ${classic}`);
}

async function withSpinner<T>(ctx: Context, what: string, work: (onStatus: WaitOptions['onStatus']) => Promise<T>): Promise<T> {
  const spinner = startSpinner(ctx.io, `${what}: waiting`);
  try {
    return await work((status) => spinner.update(`${what}: ${status}`));
  } finally {
    spinner.stop();
  }
}
