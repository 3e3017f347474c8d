// The flags every command takes (`ci --help` lists them), as specs like any verb's.
import { GENERATIONS } from '../lib/generation.js';
import { checkRetries, MAX_RETRIES } from '../lib/retry.js';
import { flag, wholeNumber } from './spec.js';

export const GLOBAL_FLAGS = {
  profile: flag.text('--profile <name>', 'use this saved profile (see `ci profiles list`)'),
  apiUrl: flag.text('--api-url <url>', 'send API requests to this base URL (e.g. a local `ci emulator`)'),
  region: flag.string('--region <region>', 'Twilio region, e.g. ie1'),
  edge: flag.string('--edge <edge>', 'Twilio edge location, e.g. dublin'),
  maxRetries: flag.custom(`--max-retries <n>`, `retries for rate-limited or failed requests, 0 to ${MAX_RETRIES} (default 4)`, (value) =>
    checkRetries(wholeNumber(value, '--max-retries', 0), '--max-retries'),
  ),
  requestTimeout: flag.duration(
    '--request-timeout <duration>',
    'time for one HTTP request and its whole answer, e.g. 30s (default), 500ms, 2m',
    {
      min: 1,
    },
  ),
  allowInsecureHttp: flag.bool('--allow-insecure-http', 'allow sending credentials over plain http to a non-loopback host'),
  generation: flag.choice(
    '--generation <generation>',
    GENERATIONS,
    'Conversational Intelligence API when no ID says: classic (v2, the default) or v3',
  ),
  debug: flag.bool('--debug', 'trace HTTP requests (secrets redacted) and show stack traces on errors'),
  color: flag.bool('--no-color', 'disable colour (NO_COLOR and FORCE_COLOR are honoured too)'),
};
