// Flags of the servers that receive Twilio's signed requests (`ci webhook listen`, `ci serve`).
import { flag, type FlagValues } from '../spec.js';

export const SIGNED_SERVER_FLAGS = {
  port: flag.withDefault(flag.port('--port <n>', 'port (0 picks a free one)'), 0),
  host: flag.withDefault(flag.string('--host <host>', 'address to listen on'), '127.0.0.1'),
  publicUrl: flag.url(
    '--public-url <url>',
    'the URL Twilio calls, e.g. your tunnel (https://abc.ngrok.app): signatures are checked against it (the safe setting; without it the Host header decides)',
  ),
  authTokenStdin: flag.bool(
    '--auth-token-stdin',
    "read the auth token that signs the requests from stdin (default: the credentials', else TWILIO_AUTH_TOKEN)",
  ),
  authToken: flag.string('--auth-token <token>', 'the same as an argument, which other users can see in ps: prefer --auth-token-stdin'),
};

/** What to do with each verified transcript event. */
export const RECEIVER_FLAGS = {
  fetchResults: flag.bool('--fetch-results', "fetch and print each transcript's operator results (as `ci results` shows them)"),
  exec: flag.string(
    '--exec <command>',
    'run this command for every event, with TRANSCRIPT_SID, CUSTOMER_KEY, SERVICE_SID, EVENT_TYPE in its environment',
  ),
  forwardTo: flag.url('--forward-to <url>', 'forward each verified request, headers and body as received, and print the status'),
  once: flag.bool('--once', 'exit after the first verified event'),
};

export type ServerFlags = FlagValues<typeof SIGNED_SERVER_FLAGS>;
export type ReceiverFlags = FlagValues<typeof RECEIVER_FLAGS>;
