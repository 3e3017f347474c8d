import type { Twilio } from 'twilio';
import { Channel } from '../../lib/channel.js';
import type { Context } from '../../lib/context.js';
import { loadVoiceResponse } from '../../lib/client.js';
import { UsageError, toCliError } from '../../lib/errors.js';
import type { OutputEvent } from '../../lib/output/types.js';
import { parsePhoneNumber, setVoiceUrl } from '../../lib/phone-numbers.js';
import { fetchService, resolveServiceSid } from '../../lib/services.js';
import { secretInputsOf } from '../../lib/secrets.js';
import { webhookAuthToken } from '../../lib/webhooks/auth-token.js';
import { SEED_CALL_SCRIPT, type CallScript } from '../../lib/webhooks/call-twiml.js';
import { startEventServer } from '../shared/event-server.js';
import { webhookEndpoint } from '../shared/receiver.js';
import { PATHS, classicTranscriber, incomingCallEndpoint, recordingStatusEndpoint, type RecordingTranscriber } from './endpoints.js';
import { conversationTargetOf, conversationTranscriber, rulesWebhookWarning, type ConversationTarget } from './v3.js';
import type { OptionsOf, Run } from '../spec.js';
import type { serveSpec } from './specs.js';

/** The seed's settings, each replaced by the flag that names it. */
function callScript(flags: OptionsOf<typeof serveSpec>): Omit<CallScript, 'recordingStatusUrl'> {
  if (flags.language !== undefined && !/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/.test(flags.language)) {
    throw new UsageError(`--language must be a language tag such as ja-JP or en-US (got "${flags.language}")`);
  }
  return {
    greeting: flags.greeting ?? SEED_CALL_SCRIPT.greeting,
    thanks: flags.thanks ?? SEED_CALL_SCRIPT.thanks,
    language: flags.language ?? SEED_CALL_SCRIPT.language,
    greetingVoice: flags.voice,
    thanksVoice: flags.voice ?? SEED_CALL_SCRIPT.thanksVoice,
    timeout: flags.timeout ?? SEED_CALL_SCRIPT.timeout,
    maxLength: flags.maxLength ?? SEED_CALL_SCRIPT.maxLength,
    playBeep: flags.playBeep,
  };
}

/**
 * Transcripts are announced to the service's webhook (classic) and results posted by the rules' webhooks (v3): one
 * that points elsewhere means this server never hears of them.
 */
async function warnIfWebhookElsewhere(ctx: Context, client: Twilio, transcriber: Transcriber, webhookUrl: string): Promise<void> {
  if (transcriber.conversations) {
    const warning = await rulesWebhookWarning(client, transcriber.conversations.conversationConfiguration, webhookUrl);
    if (warning) ctx.log.warn(warning);
    return;
  }
  const { serviceRef } = transcriber;
  if (serviceRef === undefined) return;
  const current = (await fetchService(client, serviceRef)).webhookUrl;
  if (current === webhookUrl) return;
  const now = typeof current === 'string' && current ? `points at ${current}` : 'is not set';
  ctx.log.warn(
    `the webhook URL of service ${serviceRef} ${now}, not at this server; to point it here: ci webhook set ${serviceRef} ${webhookUrl}`,
  );
}

interface Transcriber {
  transcribe: RecordingTranscriber;
  /** What the banner says recordings are transcribed with. */
  into: string;
  /** The classic service, whose webhook should point at this server. */
  serviceRef?: string;
  /** v3: the conversation configuration, one of whose rules should post to this server. */
  conversations?: ConversationTarget;
  json: Record<string, string>;
}

/** Classic transcripts in a service (--service or the profile's), or v3 conversations (--conversation-configuration). */
async function transcriberOf(
  ctx: Context,
  client: Twilio,
  flags: OptionsOf<typeof serveSpec>,
  profileServiceSid: string | undefined,
): Promise<Transcriber> {
  const conversationConfiguration = flags.conversationConfiguration;
  if (conversationConfiguration !== undefined) {
    if (flags.service !== undefined) throw new UsageError('--conversation-configuration (v3) cannot be combined with --service (classic)');
    const conversations = await conversationTargetOf(client, conversationConfiguration);
    const { transcriptionConfigurationId } = conversations;
    return {
      transcribe: conversationTranscriber(client, transcriptionConfigurationId, ctx.signal),
      into: `conversation configuration ${conversationConfiguration}`,
      conversations,
      json: { conversationConfiguration, transcriptionConfigurationId },
    };
  }
  const serviceRef = flags.service ?? profileServiceSid;
  if (!serviceRef)
    throw new UsageError('ci serve needs the service that transcribes the recordings', {
      hint: 'pass --service <GA… or unique name>, or --conversation-configuration for v3',
    });
  const serviceSid = await resolveServiceSid(client, serviceRef);
  return { transcribe: classicTranscriber(client, serviceSid), into: serviceSid, serviceRef, json: { serviceSid } };
}

export const run: Run<typeof serveSpec> = async (ctx, flags) => {
  const script = callScript(flags);
  if (flags.phoneNumber) parsePhoneNumber(flags.phoneNumber, '--phone-number');
  const credentials = await ctx.credentials();
  if (flags.phoneNumber && !credentials.apiUrl && !flags.publicUrl) {
    throw new UsageError('Twilio cannot call a server on this machine directly', {
      hint: 'start a tunnel and pass its URL with --public-url (see docs/webhooks.md)',
    });
  }
  const authToken = await webhookAuthToken(flags, secretInputsOf(ctx, { prompt: true }), () => ctx.credentials());
  const client = await ctx.client();
  const transcriber = await transcriberOf(ctx, client, flags, credentials.serviceSid);
  const VoiceResponse = await loadVoiceResponse();

  const events = new Channel<OutputEvent>();
  const { server, stop } = await startEventServer(ctx, flags, authToken, events, (stopOnce) => [
    incomingCallEndpoint(VoiceResponse, script, events),
    recordingStatusEndpoint(ctx, transcriber.transcribe, events),
    webhookEndpoint(ctx, flags, PATHS.webhook, events, () => void stopOnce()),
  ]);
  const voiceUrl = `${server.baseUrl}${PATHS.incomingCall}`;
  const webhookUrl = `${server.baseUrl}${PATHS.webhook}`;
  if (flags.phoneNumber) {
    try {
      await setVoiceUrl(client, flags.phoneNumber, voiceUrl);
    } catch (error) {
      await stop();
      throw error;
    }
  }
  try {
    await warnIfWebhookElsewhere(ctx, client, transcriber, webhookUrl);
  } catch (error) {
    ctx.log.warn(`could not check where the webhooks point: ${toCliError(error).message}`);
  }
  events.push({
    human: (style) =>
      [
        `listening on ${server.localUrl}   ${style.dim(`(transcribing with ${transcriber.into})`)}`,
        `voice URL    ${voiceUrl}   ${style.dim(flags.phoneNumber ? `(set as ${flags.phoneNumber}'s "A call comes in" webhook)` : '(the number\'s "A call comes in" webhook, HTTP POST)')}`,
        `webhook URL  ${webhookUrl}   ${style.dim(transcriber.serviceRef === undefined ? "(a configuration rule's --webhook)" : '(ci webhook set <service> <url>)')}`,
      ].join('\n'),
    json: { event: 'listening', url: server.localUrl, ...transcriber.json, phoneNumber: flags.phoneNumber ?? null, voiceUrl, webhookUrl },
  });
  return { kind: 'stream', events, piped: 'ndjson' };
};
