import { Channel } from '../../lib/channel.js';
import type { OutputEvent } from '../../lib/output/types.js';
import { secretInputsOf } from '../../lib/secrets.js';
import { webhookAuthToken } from '../../lib/webhooks/auth-token.js';
import { startEventServer } from '../shared/event-server.js';
import { webhookEndpoint } from '../shared/receiver.js';
import type { Run } from '../spec.js';
import type { listen } from './specs.js';

export const run: Run<typeof listen> = async (ctx, flags) => {
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
  return { kind: 'stream', events, piped: 'ndjson' };
};
