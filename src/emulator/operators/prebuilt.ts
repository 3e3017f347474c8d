// Twilio's pre-built Language Operators, modelled on the public catalogue. Static and read-only:
// the same SIDs on every emulator, so docs, tests and state files can name them.
import { CLASSIC_LANGUAGES, findOperatorType, GENERATIVE_LANGUAGES } from './operator-types.js';
import type { Availability, OperatorRecord } from './record.js';

/** Pre-built operators belong to Twilio, not to the caller's account. */
const TWILIO_ACCOUNT_SID = 'AC00000000000000000000000000000000';
const CATALOGUE_DATE = '2024-01-15T00:00:00Z';

interface PrebuiltSpec {
  sid: string;
  name: string;
  description: string;
  type: string;
  availability?: Availability;
  languages: string[];
  labels?: string[];
  phrases?: string[];
}

function prebuilt(spec: PrebuiltSpec): OperatorRecord {
  const type = findOperatorType(spec.type);
  if (!type) throw new Error(`pre-built operator ${spec.name}: unknown operator type ${spec.type}`);
  return {
    sid: spec.sid,
    account_sid: TWILIO_ACCOUNT_SID,
    friendly_name: spec.name,
    description: spec.description,
    author: 'twilio',
    operator_type: spec.type,
    version: 1,
    availability: spec.availability ?? 'general-availability',
    config: {},
    date_created: CATALOGUE_DATE,
    date_updated: CATALOGUE_DATE,
    prebuilt: true,
    result_type: type.resultType,
    labels: spec.labels ?? [],
    phrases: spec.phrases ?? [],
    language_codes: spec.languages,
  };
}

export const CONVERSATION_SUMMARY_SID = 'LY00000000000000000000000000000001';
export const SENTIMENT_ANALYSIS_SID = 'LY00000000000000000000000000000002';

/** In list order. */
export const PREBUILT_OPERATORS: readonly OperatorRecord[] = [
  prebuilt({
    sid: CONVERSATION_SUMMARY_SID,
    name: 'Conversation Summary',
    description: 'Summarizes the conversation in a few sentences.',
    type: 'Summarization',
    languages: GENERATIVE_LANGUAGES,
  }),
  prebuilt({
    sid: SENTIMENT_ANALYSIS_SID,
    name: 'Sentiment Analysis',
    description: 'Classifies the overall sentiment of the customer in the conversation.',
    type: 'ConversationClassify',
    languages: GENERATIVE_LANGUAGES,
    labels: ['positive', 'negative', 'neutral', 'mixed'],
  }),
  prebuilt({
    sid: 'LY00000000000000000000000000000003',
    name: 'Entity Recognition',
    description: 'Finds people, organizations, locations, dates and products mentioned in the conversation.',
    type: 'EntityRecognition',
    languages: CLASSIC_LANGUAGES,
    labels: ['PERSON', 'ORGANIZATION', 'LOCATION', 'DATE', 'PRODUCT'],
  }),
  prebuilt({
    sid: 'LY00000000000000000000000000000004',
    name: 'Agent Introduction',
    description: 'Detects whether the agent introduced themselves.',
    type: 'PhraseMatching',
    languages: CLASSIC_LANGUAGES,
    phrases: ['my name is', 'this is', 'thank you for calling', 'speaking'],
  }),
  prebuilt({
    sid: 'LY00000000000000000000000000000005',
    name: 'Escalation Request',
    description: 'Detects a customer asking for a supervisor or manager.',
    type: 'PhraseMatching',
    languages: CLASSIC_LANGUAGES,
    phrases: ['speak to a manager', 'talk to a manager', 'speak to your supervisor', 'talk to a supervisor', 'escalate'],
  }),
  prebuilt({
    sid: 'LY00000000000000000000000000000006',
    name: 'Recording Disclosure',
    description: 'Detects whether the agent disclosed that the call is recorded.',
    type: 'PhraseMatching',
    languages: CLASSIC_LANGUAGES,
    phrases: ['this call may be recorded', 'this call is being recorded', 'call is recorded', 'recorded for quality'],
  }),
  prebuilt({
    sid: 'LY00000000000000000000000000000007',
    name: 'Voicemail Detection',
    description: 'Classifies whether the call reached a voicemail box.',
    type: 'ConversationClassify',
    availability: 'beta',
    languages: CLASSIC_LANGUAGES,
    labels: ['voicemail', 'not-voicemail'],
  }),
  prebuilt({
    sid: 'LY00000000000000000000000000000008',
    name: 'PII Extraction',
    description: 'Finds names, phone numbers, e-mail addresses and card numbers.',
    type: 'PIIExtract',
    languages: CLASSIC_LANGUAGES,
    labels: ['PERSON_NAME', 'PHONE_NUMBER', 'EMAIL_ADDRESS', 'CREDIT_CARD_NUMBER'],
  }),
  prebuilt({
    sid: 'LY00000000000000000000000000000009',
    name: 'Call Back Date',
    description: 'Finds the date the customer asked to be called back, normalized to ISO 8601.',
    type: 'EntityNormalization',
    availability: 'beta',
    languages: CLASSIC_LANGUAGES,
    labels: ['DATE'],
  }),
];

export function findPrebuilt(sid: string): OperatorRecord | undefined {
  return PREBUILT_OPERATORS.find((operator) => operator.sid === sid);
}
