import { TOP_LEVEL } from '../manifest.js';
import { redactionFlags, waitFlags } from '../shared/flags.js';
import { arg, flag, verb } from '../spec.js';

export const resultsCommand = verb({
  ...TOP_LEVEL.results,
  args: [
    arg(
      '<id...>',
      'transcript SID(s) (GT…, classic) or conversation ID(s) (conv_conversation_…, v3), or - to read them from stdin; ' +
        '`delete` followed by v3 operator result IDs (intelligence_operatorresult_…) deletes those results',
      { suggestions: ['delete'] },
    ),
  ],
  // `delete` prints nothing on stdout.
  output: ['view', 'none'],
  flags: {
    operator: flag.string(
      '--operator <operator>',
      "only this operator's results (classic: name or LY…; v3: name or intelligence_operator_…)",
    ),
    configuration: flag.string('--configuration <configuration>', 'v3: only results of this Intelligence Configuration'),
    ...redactionFlags('classic: results'),
    ...waitFlags,
    yes: flag.bool('-y, --yes', 'with `delete`: do not ask for confirmation'),
  },
  jsonHelp:
    'print one flat JSON array: classic, the OperatorResults of every transcript (each with its transcriptSid; every field of the API, probabilities as numbers); ' +
    'v3, the OperatorResult objects as the API returns them (each with its conversationId)',
  examples: [
    'ci results GT0123456789abcdef0123456789abcdef',
    'ci results GT0123456789abcdef0123456789abcdef --json | jq ".[] | select(.operatorType == \\"json\\") | .jsonResults"',
    'ci transcripts list --status completed --fields sid --no-header | ci results - --ndjson',
    'ci results conv_conversation_01hx… --configuration post-call --operator Sentiment',
    'ci results delete intelligence_operatorresult_01hx… --yes',
  ],
});
