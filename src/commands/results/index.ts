import type { Command } from 'commander';
import { examples, type Runner } from '../define.js';
import { redactionFlags, waitFlags } from '../transcripts/flags.js';

export function registerResults(program: Command, act: Runner): void {
  const results = program
    .command('results')
    .argument('<transcript...>', 'transcript SID(s) (GT…), or - to read SIDs from stdin')
    .option('--operator <name-or-sid>', "only this operator's result")
    .option('--json', 'print the OperatorResults as one JSON array (every field of the API, probabilities as numbers)')
    .option('--ndjson', 'print one {transcriptSid, status, operatorResults} line per transcript, for pipelines');
  examples(
    waitFlags(redactionFlags(results, 'results'), { optional: true }),
    'ci results GT0123456789abcdef0123456789abcdef',
    'ci results GT0123456789abcdef0123456789abcdef --json | jq ".[] | select(.operatorType == \\"json\\") | .jsonResults"',
    'ci transcripts list --status completed --fields sid --no-header | ci results - --ndjson',
  ).action(act(() => import('./results.js')));
}
