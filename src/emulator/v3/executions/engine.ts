// Runs one operator version on a conversation with the emulator's deterministic engine (the one v2 uses):
// TEXT ≈ generative text, JSON ≈ nearest training example valid against the schema, CLASSIFICATION ≈ a label.
import { analyse, type AnalysisOperator, type Utterance } from '../../engine/index.js';
import { isObject, type JsonObject } from '../body.js';
import type { ConversationBundle, ParticipantType } from '../../conversations/records.js';
import { PLACEHOLDER } from '../operators/validate.js';
import type { OperatorRecord, OperatorVersionRecord } from '../operators/records.js';
import type { SystemMetadata } from '../results/records.js';

/** The model name results report: the emulator's engine, not an LLM. */
export const RESOLVED_MODEL = 'emulator-deterministic-1';
/** Input beyond this many characters is cut (latest communications dropped) and reported as truncated. */
export const CONTEXT_WINDOW_CHARACTERS = 400_000;

export interface OperatorOutput {
  result: JsonObject;
  system: SystemMetadata;
}

const ROLE: Record<ParticipantType, string> = {
  HUMAN_AGENT: 'Agent',
  AGENT: 'Agent',
  AI_AGENT: 'AI agent',
  CUSTOMER: 'Customer',
  UNKNOWN: 'Participant',
};

export function runOperatorVersion(
  operator: OperatorRecord,
  version: OperatorVersionRecord,
  parameters: Record<string, unknown>,
  bundle: ConversationBundle,
): OperatorOutput {
  const prompt = version.definition.prompt.replace(PLACEHOLDER, (_, name: string) => parameterText(parameters[name]));
  const { utterances, roleOf, characters, truncated } = transcriptOf(bundle, CONTEXT_WINDOW_CHARACTERS - prompt.length);
  const result = resultOf(operator, version, utterances, roleOf);
  const inputCharacters = prompt.length + characters;
  const outputCharacters = typeof result.text === 'string' ? result.text.length : JSON.stringify(result).length;
  return {
    result,
    system: {
      resolvedModel: RESOLVED_MODEL,
      // Deterministic stand-in for model time: grows with the input, as a model's does.
      latencyMs: 20 + Math.round(inputCharacters / 100),
      inputCharacters,
      outputCharacters,
      inputTruncated: truncated,
    },
  };
}

/** A parameter value as it appears in the prompt. */
function parameterText(value: unknown): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Each participant is a "channel" to the engine (1, 2, …), in the order the conversation lists them. */
function transcriptOf(bundle: ConversationBundle, budget: number) {
  const channelOf = new Map(bundle.participants.map((participant, index) => [participant.sid, index + 1]));
  const start = Date.parse(bundle.communications[0]?.createdAt ?? '') || 0;
  const utterances: Utterance[] = [];
  let characters = 0;
  let truncated = false;
  for (const communication of bundle.communications) {
    const text = communication.content.text;
    if (characters + text.length > budget) {
      truncated = true;
      break;
    }
    characters += text.length;
    const at = (Date.parse(communication.createdAt) - start) / 1000;
    utterances.push({ channel: channelOf.get(communication.author.participantId ?? '') ?? 0, start: at, end: at, text });
  }
  const roleOf = (channel: number) => ROLE[bundle.participants[channel - 1]?.type ?? 'UNKNOWN'];
  return { utterances, roleOf, characters, truncated };
}

function resultOf(
  operator: OperatorRecord,
  version: OperatorVersionRecord,
  utterances: Utterance[],
  roleOf: (channel: number) => string,
): JsonObject {
  const { definition } = version;
  const base = { sid: operator.sid, name: definition.displayName, examples: definition.trainingExamples };
  switch (definition.outputFormat) {
    case 'TEXT': {
      const [text] = analyse([{ ...base, resultType: 'text-generation', generative: operator.author === 'SELF' }], utterances, '', roleOf);
      return { text: text?.text_generation_results?.result ?? '' };
    }
    case 'JSON': {
      const analysis: AnalysisOperator = { ...base, resultType: 'json', generative: true, jsonResultSchema: definition.outputSchema };
      return analyse([analysis], utterances, '', roleOf)[0]?.json_results ?? {};
    }
    case 'CLASSIFICATION': {
      const labels = labelsOf(version);
      // The engine's lexicon answers in lower case; give the label back as the operator spells it.
      const analysis: AnalysisOperator = {
        ...base,
        resultType: 'conversation-classify',
        generative: false,
        labels: labels.map((label) => label.toLowerCase()),
      };
      const predicted = analyse([analysis], utterances, '', roleOf)[0]?.predicted_label ?? 'unknown';
      const spelled = [...labels, ...definition.trainingExamples.map((example) => example.output)];
      return { label: spelled.find((label) => label.toLowerCase() === predicted.toLowerCase()) ?? predicted.toUpperCase() };
    }
  }
}

/**
 * A classifier's labels: the enum values of its output schema (the schema itself or its first enum
 * property), else the ALL-CAPS words of its prompt ("… as POSITIVE, NEGATIVE or NEUTRAL"). Training
 * example outputs count as labels too (the engine adds them).
 */
export function labelsOf(version: OperatorVersionRecord): string[] {
  const schema = version.definition.outputSchema;
  const enums = [schema, ...(isObject(schema?.properties) ? Object.values(schema.properties) : [])]
    .map((candidate) => (isObject(candidate) && Array.isArray(candidate.enum) ? candidate.enum : undefined))
    .find((values) => values !== undefined);
  if (enums) return enums.filter((value): value is string => typeof value === 'string');
  const words = version.definition.prompt.match(/\b[A-Z][A-Z_]{2,}\b/g) ?? [];
  return [...new Set(words.filter((word) => !word.startsWith('JSON')))];
}
