import type { Command } from 'commander';
import { examples, oneOf, positiveInt, withOutput, type Runner } from '../define.js';
import { redactionFlags, waitFlags } from './flags.js';

const SID = 'transcript SID (GT…)';

export function registerTranscripts(program: Command, act: Runner): void {
  const transcripts = program.command('transcripts');

  examples(
    withOutput(
      transcripts
        .command('list')
        .alias('ls')
        .description('list transcripts, newest filters applied by the API')
        .option('--service <service>', 'only this service (SID or unique name)')
        .option(
          '--status <status>',
          'queued, in-progress, completed, failed or canceled',
          oneOf('--status', ['queued', 'in-progress', 'completed', 'failed', 'canceled']),
        )
        .option('--language-code <code>', 'e.g. en-US')
        .option('--source-sid <RE…>', 'only the transcript of this recording')
        .option('--before-start-time <iso-date>', 'media started before this time')
        .option('--after-start-time <iso-date>', 'media started after this time')
        .option('--before-date-created <iso-date>', 'created before this time')
        .option('--after-date-created <iso-date>', 'created after this time')
        .option('--customer-key <key>', 'only this customer key (filtered by ci, not the API: every page is read)')
        .option('--limit <n>', 'at most this many (default 50)', positiveInt('--limit'))
        .option('--all', 'every transcript, however many'),
      { list: true },
    ),
    'ci transcripts list --service test-ci --status completed',
    'ci transcripts list --all --ndjson | jq -r .sid',
    'ci transcripts list --customer-key CA00000000000000000000000000000001',
  ).action(act(() => import('./list.js')));

  examples(
    withOutput(transcripts.command('show').alias('view').description('show a transcript').argument('<transcript>', SID)),
    'ci transcripts show GT0123456789abcdef0123456789abcdef --json',
  ).action(act(() => import('./show.js')));

  examples(
    transcripts
      .command('delete')
      .alias('rm')
      .description('delete a transcript and its results')
      .argument('<transcript>', SID)
      .option('-y, --yes', 'do not ask for confirmation'),
    'ci transcripts delete GT0123456789abcdef0123456789abcdef --yes',
  ).action(act(() => import('./delete.js')));

  examples(
    waitFlags(
      withOutput(
        transcripts
          .command('wait')
          .description('wait until a transcript is completed (exit 5 if it fails or times out)')
          .argument('<transcript>', SID),
      ),
      { optional: false },
    ),
    'ci transcripts wait GT0123456789abcdef0123456789abcdef --timeout 5m && ci results GT0123456789abcdef0123456789abcdef',
  ).action(act(() => import('./wait.js')));

  examples(
    redactionFlags(
      withOutput(
        transcripts
          .command('sentences')
          .description('the conversation: time, speaker, text and confidence of every sentence')
          .argument('<transcript>', SID)
          .option('--word-timestamps', 'include the timing of every word'),
        { list: true },
      ),
      'sentences',
    ),
    'ci transcripts sentences GT0123456789abcdef0123456789abcdef',
    'ci transcripts sentences GT0123456789abcdef0123456789abcdef --word-timestamps --json',
  ).action(act(() => import('./sentences.js')));

  examples(
    redactionFlags(
      withOutput(
        transcripts
          .command('media')
          .description("print the URL of a transcript's media, or download it")
          .argument('<transcript>', SID)
          .option('--download <file>', 'save the media to this file'),
      ),
      'media',
    ),
    'ci transcripts media GT0123456789abcdef0123456789abcdef',
    'ci transcripts media GT0123456789abcdef0123456789abcdef --no-redacted --download call.txt',
  ).action(act(() => import('./media.js')));
}
