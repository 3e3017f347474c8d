import { Channel } from '../../lib/channel.js';
import type { Context } from '../../lib/context.js';
import type { CommandResult, OutputEvent } from '../../lib/output/types.js';
import { secretInputsOf } from '../../lib/secrets.js';
import { webhookAuthToken, type AuthTokenFlags } from '../../lib/webhooks/auth-token.js';
import { startEventServer, type ServerFlags } from './event-server.js';
import { webhookEndpoint, type ReceiverFlags } from './receiver.js';

export interface ListenFlags extends ReceiverFlags, ServerFlags, AuthTokenFlags {
  path: string;
  verify: boolean;
}

export async function run(ctx: Context, flags: ListenFlags): Promise<CommandResult> {
  const authToken = flags.verify
    ? await webhookAuthToken(flags, secretInputsOf(ctx, { prompt: true }), () => ctx.credentials())
    : undefined;
  if (!flags.verify)
    ctx.log.warn('--no-verify: requests are accepted without checking X-Twilio-Signature; anyone who finds the URL can send events');
  const events = new Channel<OutputEvent>();
  const { server } = await startEventServer(ctx, flags, authToken, events, (stop) => [
    webhookEndpoint(ctx, flags, flags.path, events, () => void stop()),
  ]);
  const url = `${server.baseUrl}${flags.path}`;
  events.push({
    human: (style) =>
      [
        `listening on ${server.localUrl}${flags.path}`,
        ...(flags.publicUrl ? [`public URL   ${url}`] : []),
        style.dim('set it as the service webhook: ci webhook set <service> ' + url),
      ].join('\n'),
    json: { event: 'listening', url: `${server.localUrl}${flags.path}`, publicUrl: flags.publicUrl ? url : null },
  });
  return { kind: 'events', events, piped: 'ndjson' };
}
