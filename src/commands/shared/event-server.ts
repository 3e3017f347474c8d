import type { Channel } from '../../lib/channel.js';
import type { ServerFlags } from './server-flags.js';
import type { Context } from '../../lib/context.js';
import type { OutputEvent } from '../../lib/output/types.js';
import { HOST_HEADER_WARNING, startSignedServer, type Endpoint, type SignedServer } from '../../lib/webhooks/signed-server.js';

/**
 * A signed server that lives as long as its event channel: Ctrl-C closes both, and so does the
 * `stop` handed to the endpoints (for --once). Refused requests and failures become warnings.
 */
export async function startEventServer(
  ctx: Context,
  flags: ServerFlags,
  authToken: string | undefined,
  events: Channel<OutputEvent>,
  endpoints: (stop: () => Promise<void>) => Endpoint[],
): Promise<{ server: SignedServer; stop: () => Promise<void> }> {
  const stop = async () => {
    await server.close();
    events.close();
  };
  const server = await startSignedServer({
    host: flags.host,
    port: flags.port,
    publicUrl: flags.publicUrl,
    authToken,
    endpoints: endpoints(stop),
    onRejected: (message) => ctx.log.warn(message),
    onDuplicate: (message) => ctx.log.warn(message),
    onError: (message) => ctx.log.warn(message),
  });
  if (authToken !== undefined && !flags.publicUrl) ctx.log.warn(HOST_HEADER_WARNING);
  events.closeOn(ctx.signal, () => server.close());
  return { server, stop };
}
