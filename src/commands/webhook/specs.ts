import { RECEIVER_FLAGS, SIGNED_SERVER_FLAGS } from '../shared/server-flags.js';
import { InvalidFlagValue } from '../flag-error.js';
import { arg, checkHttpUrl, flag, verb } from '../spec.js';

function urlPath(value: string): string {
  if (!/^\/[^\s?#]*$/.test(value)) throw new InvalidFlagValue('--path must start with / and hold no spaces, ? or #');
  return value;
}

export const listen = verb({
  name: 'listen',
  summary: 'receive signed transcript events and print one line each (NDJSON when piped)',
  output: 'stream',
  flags: {
    path: flag.withDefault(flag.custom('--path <path>', 'path to receive on', urlPath), '/ci-webhook'),
    ...SIGNED_SERVER_FLAGS,
    ...RECEIVER_FLAGS,
    verify: flag.bool('--no-verify', 'accept requests without checking X-Twilio-Signature (prints a warning)'),
  },
  examples: [
    'ci webhook listen --port 4040',
    'ci webhook listen --public-url https://abc.ngrok.app --exec ./on-transcript.sh',
    'ci webhook listen --once --ndjson | jq -r "select(.event == \\"webhook\\") | .transcriptSid"',
  ],
});

export const set = verb({
  name: 'set',
  summary: "point a service's webhook at a URL",
  args: [
    arg('<service>', 'SID (GA…) or unique name'),
    arg('<url>', 'the URL to notify when a transcript is available', { check: (value) => checkHttpUrl(value, '<url>') }),
  ],
  output: 'item',
  flags: { method: flag.withDefault(flag.choice('--method <method>', ['GET', 'POST'] as const, 'HTTP method of the webhook'), 'POST') },
  examples: [
    'ci webhook set test-ci https://abc.ngrok.app/ci-webhook',
    'ci webhook set GA0123456789abcdef0123456789abcdef https://example.com/hook --method GET',
  ],
});
