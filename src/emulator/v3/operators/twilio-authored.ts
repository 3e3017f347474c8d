// Twilio-authored operators the emulator offers to every account, with fixed IDs (documented in docs/v3.md).
import type { OperatorDefinition } from './records.js';

export interface TwilioOperator {
  id: string;
  createdAt: string;
  /** How the engine runs it (the prompt is never shown: Twilio omits it from the API). */
  engine: 'sentiment' | 'summary';
  definition: OperatorDefinition;
}

const NO_CONTEXT = { memory: { enabled: false }, knowledge: { enabled: false } };
const CREATED_AT = '2026-01-01T00:00:00Z';

export const SENTIMENT_OPERATOR_ID = 'intelligence_operator_00twiliosentiment000000000';
export const SUMMARY_OPERATOR_ID = 'intelligence_operator_00twiliosummary00000000000';

/** Sentiment's labels, as its output schema declares them. */
export const SENTIMENT_LABELS = ['POSITIVE', 'NEGATIVE', 'NEUTRAL', 'MIXED'];

export const TWILIO_OPERATORS: readonly TwilioOperator[] = [
  {
    id: SENTIMENT_OPERATOR_ID,
    createdAt: CREATED_AT,
    engine: 'sentiment',
    definition: {
      displayName: 'Sentiment Analysis',
      description: 'Classifies the overall sentiment of the conversation as POSITIVE, NEGATIVE, NEUTRAL or MIXED.',
      prompt: 'Classify the overall sentiment of the conversation.',
      outputFormat: 'CLASSIFICATION',
      outputSchema: { type: 'string', enum: SENTIMENT_LABELS },
      trainingExamples: [],
      context: NO_CONTEXT,
      parameters: {},
    },
  },
  {
    id: SUMMARY_OPERATOR_ID,
    createdAt: CREATED_AT,
    engine: 'summary',
    definition: {
      displayName: 'Conversation Summary',
      description: 'A short summary of the conversation.',
      prompt: 'Summarise the conversation in a few sentences.',
      outputFormat: 'TEXT',
      trainingExamples: [],
      context: NO_CONTEXT,
      parameters: {},
    },
  },
];

export function twilioOperator(id: string): TwilioOperator | undefined {
  return TWILIO_OPERATORS.find((operator) => operator.id === id);
}
