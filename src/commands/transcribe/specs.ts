import { TOP_LEVEL } from '../manifest.js';
import { waitFlags } from '../shared/flags.js';
import { arg, flag, verb } from '../spec.js';

export const transcribeCommand = verb({
  ...TOP_LEVEL.transcribe,
  args: [arg('[recording]', 'recording SID (RE…)')],
  // The transcript; with --wait, it and its results; with --from-file, NDJSON lines as inputs finish.
  output: ['item', 'view', 'stream'],
  flags: {
    mediaUrl: flag.url('--media-url <url>', 'transcribe the media at this URL instead of a recording'),
    service: flag.string('--service <service>', 'service SID (GA…) or unique name (default: the profile / TWILIO_CI_SERVICE_SID)'),
    conversationConfiguration: flag.string(
      '--conversation-configuration <configuration>',
      'v3: a Voice v3 transcription into a new conversation of this Conversations configuration (ID or display name)',
    ),
    close: flag.bool(
      '--no-close',
      'v3: leave the conversation open (by default ci closes it once transcribed, so CONVERSATION_END rules run)',
    ),
    customerKey: flag.string('--customer-key <key>', 'your key for the transcript (default for a recording: its CallSid)'),
    participant: flag.list('--participant <spec>', 'channel=1|2,role=Agent|Customer,name=…,id=… (repeatable, at most two)'),
    mediaStartTime: flag.string('--media-start-time <iso-date>', 'when the media started, ISO 8601'),
    force: flag.bool('--force', 'delete an existing transcript of the recording and transcribe it again'),
    fromFile: flag.string('--from-file <file>', 'bulk: one recording SID or media URL per line (optionally ,customerKey); - reads stdin'),
    concurrency: flag.int('--concurrency <n>', 'bulk: transcripts created in parallel (default 5)'),
    state: flag.string('--state <file>', 'bulk: checkpoint file; a rerun skips what is done'),
    skipInvalid: flag.bool('--skip-invalid', 'bulk: skip malformed lines (with a warning) instead of refusing the file'),
    ...waitFlags,
  },
  jsonHelp:
    'print the transcript (with --wait: {transcript, operatorResults}); v3: the transcription (with --wait: {transcription, operatorResults})',
  examples: [
    'ci transcribe RE00000000000000000000000000000001 --service test-ci --wait',
    'ci transcribe --media-url https://example.com/call.json --participant channel=1,role=Agent,name=Ann --participant channel=2,role=Customer',
    'ci transcribe RE00000000000000000000000000000001 --force --json',
    'ci transcribe --from-file recordings.txt --service test-ci --concurrency 10 --state run.json > results.ndjson',
    'ci transcribe RE00000000000000000000000000000001 --conversation-configuration post-call --wait',
  ],
});
