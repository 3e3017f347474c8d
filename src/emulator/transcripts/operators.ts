import type { AnalysisOperator, TrainingExample } from '../engine/index.js';
import { attachedOperators, type OperatorRecord } from '../operators/lookup.js';
import type { Store } from '../store.js';

const GENERATIVE_TYPES = new Set(['Generative', 'GenerativeJSON']);

/**
 * The operators attached to the service, as the engine sees them. Called when the transcript is
 * created: the snapshot is what later completes, whatever is attached or detached meanwhile.
 */
export function operatorsAttachedTo(store: Store, serviceSid: string): AnalysisOperator[] {
  return attachedOperators(store, serviceSid).map(toAnalysisOperator);
}

function toAnalysisOperator(record: OperatorRecord): AnalysisOperator {
  const config = record.config;
  const labels = record.labels.length ? record.labels : stringsOf(config.labels);
  const phrases = record.phrases.length ? record.phrases : stringsOf(config.phrases);
  return {
    sid: record.sid,
    name: record.friendly_name,
    resultType: record.result_type,
    generative: GENERATIVE_TYPES.has(record.operator_type),
    labels,
    phrases,
    jsonResultSchema: config.json_result_schema,
    examples: examplesOf(config.examples),
  };
}

function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** Examples as {input, output} strings; an output given as JSON is kept as its text. */
function examplesOf(value: unknown): TrainingExample[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: { input?: unknown; output?: unknown }) =>
    typeof item?.input === 'string' && item.output !== undefined
      ? [{ input: item.input, output: typeof item.output === 'string' ? item.output : JSON.stringify(item.output) }]
      : [],
  );
}
