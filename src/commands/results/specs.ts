import { TOP_LEVEL } from '../manifest.js';
import { redactionFlags, waitFlags } from '../shared/flags.js';
import { arg, flag, verb } from '../spec.js';

export const resultsCommand = verb({
  ...TOP_LEVEL.results,
  args: [arg('<transcript...>', 'transcript SID(s) (GT…), or - to read SIDs from stdin')],
  output: 'view',
  flags: {
    operator: flag.string('--operator <name-or-sid>', "only this operator's result"),
    ...redactionFlags('results'),
    ...waitFlags,
  },
  jsonHelp:
    'print the OperatorResults of every transcript given as one flat JSON array (each with its transcriptSid; every field of the API, probabilities as numbers)',
  examples: [
    'ci results GT0123456789abcdef0123456789abcdef',
    'ci results GT0123456789abcdef0123456789abcdef --json | jq ".[] | select(.operatorType == \\"json\\") | .jsonResults"',
    'ci transcripts list --status completed --fields sid --no-header | ci results - --ndjson',
  ],
});
