import { arg, flag, verb } from '../spec.js';

const WEBHOOK_METHODS = ['GET', 'POST'] as const;
const SERVICE = arg('<service>', 'SID (GA…) or unique name');

/** The Service fields as flags, shared by create and update. */
const serviceFlags = {
  friendlyName: flag.string('--friendly-name <name>', 'a human-readable name'),
  languageCode: flag.string('--language-code <code>', 'language of the recordings, e.g. en-US (cannot change after create)'),
  autoTranscribe: flag.bool('--auto-transcribe', 'transcribe every recording of the account automatically', {
    negation: 'do not transcribe automatically',
  }),
  autoRedaction: flag.bool('--auto-redaction', 'redact PII in transcripts', { negation: 'do not redact PII' }),
  mediaRedaction: flag.bool('--media-redaction', 'redact PII in media too (needs --auto-redaction)', { negation: 'do not redact media' }),
  dataLogging: flag.bool('--data-logging', 'allow Twilio to use data to improve its models', { negation: 'disallow data logging' }),
  webhookUrl: flag.url('--webhook-url <url>', 'URL to notify when a transcript is available'),
  webhookMethod: flag.choice('--webhook-method <method>', WEBHOOK_METHODS, 'HTTP method of the webhook'),
  encryptionCredentialSid: flag.string('--encryption-credential-sid <CR…>', 'public-key credential for encrypting results'),
};

export const create = verb({
  name: 'create',
  summary: 'create a service',
  output: 'item',
  flags: { uniqueName: flag.string('--unique-name <name>', 'unique name (asked on a terminal when missing)'), ...serviceFlags },
  examples: [
    'ci services create --unique-name test-ci --language-code en-US --webhook-url https://example.com/ci-webhook',
    'ci services create --unique-name test-ci --json',
  ],
});

export const list = verb({
  name: 'list',
  aliases: ['ls'],
  summary: 'list services, in creation order (the first 50 unless --limit or --all)',
  output: 'list',
  examples: ['ci services list', 'ci services list --json | jq -r ".[].sid"'],
});

export const show = verb({
  name: 'show',
  aliases: ['view'],
  summary: 'show a service',
  args: [SERVICE],
  output: 'item',
  examples: ['ci services show test-ci', 'ci services show GA0123456789abcdef0123456789abcdef --json'],
});

export const update = verb({
  name: 'update',
  summary: 'change a service',
  args: [SERVICE],
  output: 'item',
  flags: { uniqueName: flag.string('--unique-name <name>', 'new unique name'), ...serviceFlags },
  examples: [
    'ci services update test-ci --webhook-url https://example.com/ci-webhook --webhook-method POST',
    'ci services update test-ci --auto-redaction --media-redaction',
  ],
});

export const remove = verb({
  name: 'delete',
  aliases: ['rm'],
  summary: 'delete a service',
  args: [SERVICE],
  output: 'none',
  flags: { yes: flag.bool('-y, --yes', 'do not ask for confirmation') },
  examples: ['ci services delete test-ci --yes'],
});
