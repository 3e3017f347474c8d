// The emulator's deterministic stand-in for Twilio's language models: same input, same results.
import { findEntities } from './entities.js';
import { generateJson, nearestExample } from './generative.js';
import { classifySentiment, type Classification } from './sentiment.js';
import { summarise } from './summary.js';
import { normalise, similarity } from './text.js';
import type { AnalysisOperator, OperatorResultRecord, Utterance } from './types.js';

export type { AnalysisOperator, OperatorResultRecord, OperatorResultType, TrainingExample, Utterance } from './types.js';
export { findEntities, maskDeep, maskEntities } from './entities.js';
export { classifySentiment } from './sentiment.js';

/** Channel 1 is the agent and channel 2 the customer unless the transcript's participants say otherwise. */
export type RoleOf = (channel: number) => string;

/** One result per operator, in the order the operators were attached. */
export function analyse(
  operators: AnalysisOperator[],
  utterances: Utterance[],
  transcriptSid: string,
  roleOf: RoleOf,
): OperatorResultRecord[] {
  return operators.map((operator) => ({ ...emptyResult(operator, transcriptSid), ...resultFields(operator, utterances, roleOf) }));
}

function resultFields(operator: AnalysisOperator, utterances: Utterance[], roleOf: RoleOf): Partial<OperatorResultRecord> {
  const conversation = utterances.map((utterance) => utterance.text).join('\n');
  switch (operator.resultType) {
    case 'json':
      return { json_results: generateJson(conversation, operator.jsonResultSchema, operator.examples) };
    case 'text-generation': {
      const answer = operator.generative ? nearestExample(conversation, operator.examples)?.output : undefined;
      const result = answer ?? summarise(utterances, roleOf, operator.generative ? 1 : 3);
      return { text_generation_results: { format: 'text', result } };
    }
    case 'conversation-classify': {
      const { label, probabilities } = isSentiment(operator) ? classifySentiment(utterances) : classifyByExamples(conversation, operator);
      return { predicted_label: label, predicted_probability: probabilities[label] ?? null, label_probabilities: probabilities };
    }
    case 'utterance-classify':
      return matchPhrases(operator, utterances);
    case 'extract':
    case 'extract-normalize':
    case 'pii-extract':
      return extractEntities(utterances, operator.resultType === 'extract-normalize');
  }
}

const SENTIMENT_LABELS = new Set(['positive', 'negative', 'neutral', 'mixed']);

/** Sentiment operators (labels among positive/negative/neutral/mixed, or none) use the lexicon. */
function isSentiment(operator: AnalysisOperator): boolean {
  return !operator.examples?.length && (operator.labels ?? []).every((label) => SENTIMENT_LABELS.has(label));
}

/**
 * Any other classifier: a label scores the word overlap of its best example with the conversation
 * (or of the label itself when it has no example). No overlap at all: every label equally likely.
 */
function classifyByExamples(conversation: string, operator: AnalysisOperator): Classification {
  const scores: Record<string, number> = Object.fromEntries(
    (operator.labels ?? []).map((label) => [label, similarity(conversation, label.replace(/[-_]/g, ' '))]),
  );
  for (const example of operator.examples ?? []) {
    scores[example.output] = Math.max(scores[example.output] ?? 0, similarity(conversation, example.input));
  }
  const labels = Object.keys(scores);
  if (labels.length === 0) return { label: 'unknown', probabilities: { unknown: 1 } };
  const best = Object.entries(scores).reduce((top, entry) => (entry[1] > top[1] ? entry : top));
  if (best[1] === 0) return { label: best[0], probabilities: normalise(Object.fromEntries(labels.map((label) => [label, 1]))) };
  return { label: best[0], probabilities: normalise(Object.fromEntries(Object.entries(scores).filter(([, score]) => score > 0))) };
}

/** Phrase matching: an utterance matches when it contains one of the phrases (case-insensitive). */
function matchPhrases(operator: AnalysisOperator, utterances: Utterance[]): Partial<OperatorResultRecord> {
  const phrases = (operator.phrases ?? []).map((phrase) => phrase.toLowerCase());
  const matches = utterances.flatMap((utterance, index) => {
    const phrase = phrases.find((candidate) => utterance.text.toLowerCase().includes(candidate));
    return phrase === undefined
      ? []
      : [{ utterance_index: index, media_channel: utterance.channel, text: utterance.text, matched_phrase: phrase, match_probability: 1 }];
  });
  return { utterance_match: matches.length > 0, utterance_results: matches, match_probability: matches.length > 0 ? 1 : 0 };
}

function extractEntities(utterances: Utterance[], normalised: boolean): Partial<OperatorResultRecord> {
  const results: Record<string, string[]> = {};
  const utteranceResults = utterances.flatMap((utterance, index) =>
    findEntities(utterance.text).map((entity) => {
      (results[entity.label] ??= []).push(entity.value);
      return { utterance_index: index, media_channel: utterance.channel, label: entity.label, text: entity.value };
    }),
  );
  const first = Object.values(results)[0]?.[0];
  return {
    extract_match: utteranceResults.length > 0,
    match_probability: utteranceResults.length > 0 ? 1 : 0,
    normalized_result: normalised && first !== undefined ? first.replace(/[^\p{L}\p{N}@.+]/gu, '') : null,
    extract_results: results,
    utterance_results: utteranceResults,
  };
}

/** The seed's dump shows unused fields as null, {} or [] exactly like this. */
function emptyResult(operator: AnalysisOperator, transcriptSid: string): OperatorResultRecord {
  return {
    operator_type: operator.resultType,
    name: operator.name,
    operator_sid: operator.sid,
    extract_match: null,
    match_probability: null,
    normalized_result: null,
    utterance_results: [],
    utterance_match: null,
    predicted_label: null,
    predicted_probability: null,
    label_probabilities: {},
    extract_results: {},
    text_generation_results: null,
    json_results: null,
    transcript_sid: transcriptSid,
  };
}
