import { redactionFlags, waitTimingFlags } from '../shared/flags.js';
import { arg, flag, verb } from '../spec.js';

const TRANSCRIPT = arg('<transcript>', 'transcript SID (GT…)');
const STATUSES = ['queued', 'in-progress', 'completed', 'failed', 'canceled'] as const;

export const list = verb({
  name: 'list',
  aliases: ['ls'],
  summary:
    'list transcripts in the order the API keeps them (creation order), the first 50 unless --limit or --all; the API applies the filters',
  output: 'list',
  flags: {
    service: flag.string('--service <service>', 'only this service (SID or unique name)'),
    status: flag.choice('--status <status>', STATUSES, 'queued, in-progress, completed, failed or canceled'),
    languageCode: flag.string('--language-code <code>', 'e.g. en-US'),
    sourceSid: flag.string('--source-sid <RE…>', 'only the transcript of this recording'),
    beforeStartTime: flag.string('--before-start-time <iso-date>', 'media started before this time'),
    afterStartTime: flag.string('--after-start-time <iso-date>', 'media started after this time'),
    beforeDateCreated: flag.string('--before-date-created <iso-date>', 'created before this time'),
    afterDateCreated: flag.string('--after-date-created <iso-date>', 'created after this time'),
    customerKey: flag.string('--customer-key <key>', 'only this customer key (filtered by ci, not the API: every page is read)'),
  },
  examples: [
    'ci transcripts list --service test-ci --status completed',
    'ci transcripts list --all --ndjson | jq -r .sid',
    'ci transcripts list --customer-key CA00000000000000000000000000000001',
  ],
});

export const show = verb({
  name: 'show',
  aliases: ['view'],
  summary: 'show a transcript',
  args: [TRANSCRIPT],
  output: 'item',
  examples: ['ci transcripts show GT0123456789abcdef0123456789abcdef --json'],
});

export const remove = verb({
  name: 'delete',
  aliases: ['rm'],
  summary: 'delete a transcript and its results',
  args: [TRANSCRIPT],
  output: 'none',
  flags: { yes: flag.bool('-y, --yes', 'do not ask for confirmation') },
  examples: ['ci transcripts delete GT0123456789abcdef0123456789abcdef --yes'],
});

export const wait = verb({
  name: 'wait',
  summary: 'wait until a transcript is completed (exit 5 if it fails or times out)',
  args: [TRANSCRIPT],
  output: 'item',
  flags: waitTimingFlags,
  examples: ['ci transcripts wait GT0123456789abcdef0123456789abcdef --timeout 5m && ci results GT0123456789abcdef0123456789abcdef'],
});

export const sentences = verb({
  name: 'sentences',
  summary: 'the conversation: time, speaker, text and confidence of every sentence',
  args: [TRANSCRIPT],
  output: 'list',
  listsAll: true,
  flags: {
    wordTimestamps: flag.bool('--word-timestamps', 'include the timing of every word'),
    ...redactionFlags('sentences'),
  },
  examples: [
    'ci transcripts sentences GT0123456789abcdef0123456789abcdef',
    'ci transcripts sentences GT0123456789abcdef0123456789abcdef --word-timestamps --json',
  ],
});

export const media = verb({
  name: 'media',
  summary: "print the URL of a transcript's media, or download it",
  args: [TRANSCRIPT],
  output: 'item',
  flags: {
    download: flag.string('--download <file>', 'save the media to this file'),
    ...redactionFlags('media'),
  },
  examples: [
    'ci transcripts media GT0123456789abcdef0123456789abcdef',
    'ci transcripts media GT0123456789abcdef0123456789abcdef --no-redacted --download call.txt',
  ],
});
