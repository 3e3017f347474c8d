// The Conversations v2 verbs of `ci conversations` (ingest, close, delete, communications); list/show (Intelligence
// v3) are in specs.ts, configurations in configurations/.
import { CHANNELS } from '../../lib/conversations-v2.js';
import { operationFlags } from '../shared/operation-flags.js';
import { arg, flag, verb } from '../spec.js';

const CONVERSATION = arg('<conversation>', 'conversation ID (conv_conversation_…)');

export const ingest = verb({
  name: 'ingest',
  summary:
    'make conversations from transcripts or chat logs ("Agent: …" lines or JSON lines), one per file; in bulk (a folder, --from-file) exactly once per input, resumable with --state; --close fires CONVERSATION_END rules',
  args: [arg('[file...]', 'a transcript or chat log, or a folder of them (each file one conversation)')],
  // One file: its row. In bulk (a folder, --from-file, several files): an NDJSON line per input as it finishes,
  // or with --json one array in input order.
  output: ['list', 'stream', 'view'],
  listsAll: true,
  flags: {
    configuration: flag.string(
      '--configuration <conversation-configuration>',
      'the conversation configuration, by name or ID (default: the only one)',
    ),
    close: flag.bool('--close', 'close each conversation once its communications are in (CONVERSATION_END rules fire)'),
    channel: flag.choice('--channel <channel>', CHANNELS, 'the channel the participants talk on (default CHAT)'),
    name: flag.string('--name <name>', 'the conversation name (one input only; default the file name)'),
    fromFile: flag.string(
      '--from-file <jsonl>',
      'many conversations, one JSON object a line: {"file": "<path>"} or {"text": "Agent: …"} or {"utterances": [{participant, text, at}]}, each with an optional "name"',
    ),
    concurrency: flag.int('--concurrency <n>', 'bulk: conversations ingested in parallel (default 5)'),
    state: flag.string('--state <file>', 'bulk: checkpoint file; a rerun skips what is done and finishes what a stopped run started'),
    start: flag.string(
      '--start <iso-date>',
      'when the first utterance without an "at" was said (default now, in bulk when the conversation was made; the next ones a second apart)',
    ),
  },
  examples: [
    'ci conversations ingest call.txt --configuration support --close',
    'ci conversations ingest transcripts/ --configuration support --close --json',
    'ci conversations ingest --from-file batch.jsonl --configuration support --state batch.state > batch.ndjson',
  ],
  jsonHelp: 'one file: an array of its row; in bulk: the NDJSON lines as one array, in input order',
});

export const close = verb({
  name: 'close',
  summary: 'close a conversation (its CONVERSATION_END rules fire)',
  args: [CONVERSATION],
  output: 'item',
  examples: ['ci conversations close conv_conversation_01hx…'],
});

export const remove = verb({
  name: 'delete',
  aliases: ['rm'],
  summary: 'delete a conversation with its communications and its Intelligence results',
  args: [CONVERSATION],
  output: 'none',
  flags: { yes: flag.bool('-y, --yes', 'do not ask for confirmation'), ...operationFlags },
  examples: ['ci conversations delete conv_conversation_01hx… --yes'],
});

export const communications = verb({
  name: 'communications',
  aliases: ['comms'],
  summary: "list a conversation's communications (Conversations v2): time, author, type, text",
  args: [CONVERSATION],
  output: 'list',
  listsAll: true,
  examples: ['ci conversations communications conv_conversation_01hx…', 'ci conversations communications conv_conversation_01hx… --json'],
});
