import type { Command } from 'commander';
import { collect, examples, httpUrl, positiveInt, type Runner } from '../define.js';
import { waitFlags } from '../transcripts/flags.js';

export function registerTranscribe(program: Command, act: Runner): void {
  const transcribe = program
    .command('transcribe')
    .argument('[recording]', 'recording SID (RE…)')
    .option('--media-url <url>', 'transcribe the media at this URL instead of a recording', httpUrl('--media-url'))
    .option('--service <service>', 'service SID (GA…) or unique name (default: the profile / TWILIO_CI_SERVICE_SID)')
    .option('--customer-key <key>', 'your key for the transcript (default for a recording: its CallSid)')
    .option('--participant <spec>', 'channel=1|2,role=Agent|Customer,name=…,id=… (repeatable, at most two)', collect)
    .option('--media-start-time <iso-date>', 'when the media started, ISO 8601')
    .option('--force', 'delete an existing transcript of the recording and transcribe it again')
    .option('--json', 'print the transcript (with --wait: {transcript, operatorResults})')
    .option('--from-file <file>', 'bulk: one recording SID or media URL per line (optionally ,customerKey); - reads stdin')
    .option('--concurrency <n>', 'bulk: transcripts created in parallel (default 5)', positiveInt('--concurrency'))
    .option('--state <file>', 'bulk: checkpoint file; a rerun skips what is done')
    .option('--skip-invalid', 'bulk: skip malformed lines (with a warning) instead of refusing the file');
  examples(
    waitFlags(transcribe, { optional: true }),
    'ci transcribe RE00000000000000000000000000000001 --service test-ci --wait',
    'ci transcribe --media-url https://example.com/call.json --participant channel=1,role=Agent,name=Ann --participant channel=2,role=Customer',
    'ci transcribe RE00000000000000000000000000000001 --force --json',
    'ci transcribe --from-file recordings.txt --service test-ci --concurrency 10 --state run.json > results.ndjson',
  ).action(act(() => import('./transcribe.js')));
}
