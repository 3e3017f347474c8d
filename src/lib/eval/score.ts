// Scoring as pure functions: accuracy of the whole output and per top-level field, per-label precision,
// recall and confusion for enum-like fields, latency and billed characters, and where versions disagree.
import type { ExampleOutcome, Expected, LabelledExample, OperatorUnderTest, VersionOutcome } from './types.js';

export interface FieldScore {
  correct: number;
  total: number;
  accuracy: number;
}

export interface LabelScore {
  label: string;
  /** Of the examples given this label, the share that have it; null when none was given it. */
  precision: number | null;
  /** Of the examples that have this label, the share given it; null when none has it. */
  recall: number | null;
  /** Examples that have it. */
  support: number;
  /** Examples given it. */
  predicted: number;
}

export interface FieldLabels {
  labels: LabelScore[];
  /** expected label → predicted label → examples. */
  confusion: Record<string, Record<string, number>>;
}

export interface VersionScore {
  operator: string;
  operatorId: string;
  version: number;
  outputFormat: string;
  examples: number;
  correct: number;
  /** Whole-output exact matches over every example (an example without a result counts as wrong). */
  accuracy: number;
  /** Examples that got no result. */
  failed: number;
  fields: Record<string, FieldScore>;
  labels: Record<string, FieldLabels>;
  latencyMs: { mean: number | null; p95: number | null };
  characters: { input: number; output: number };
  schemaViolations: number;
}

export interface VersionOutput {
  operator: string;
  operatorId: string;
  version: number;
  output: unknown;
  correct: boolean;
  error?: string;
}

export interface Disagreement {
  line: number;
  id: string;
  expected: Expected;
  outputs: VersionOutput[];
}

/** The label a CLASSIFICATION result is scored on, as a field of its own. */
export const LABEL_FIELD = 'label';
/** A string field with at most this many distinct expected values is scored per label. */
const MAX_LABELS = 20;
/** How a missing or non-string value shows in label tables. */
const MISSING = '(none)';
const EMPTY = '(empty)';

/** JSON values equal whatever their keys' order. */
export function sameJson(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonical(inner)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

export function isCorrect(expected: Expected, outcome: VersionOutcome): boolean {
  return outcome.output !== undefined && sameJson(expected, outcome.output);
}

/** The 95th percentile by nearest rank; null for no values. */
export function percentile95(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(0.95 * sorted.length) - 1)] ?? null;
}

function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length;
}

const ratio = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);
const fieldOf = (value: unknown, field: string) =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>)[field] : undefined;

/** One version's score over every example (`index` is its place in each example's outcomes). */
export function scoreVersion(operator: OperatorUnderTest, index: number, outcomes: readonly ExampleOutcome[]): VersionScore {
  const pairs = outcomes.map(({ example, outcomes: all }) => ({ example, outcome: all[index] ?? { error: 'not run' } }));
  const results = pairs.map((pair) => pair.outcome).filter((outcome) => outcome.output !== undefined);
  const latencies = results.flatMap((outcome) => (outcome.latencyMs === undefined ? [] : [outcome.latencyMs]));
  const correct = pairs.filter(({ example, outcome }) => isCorrect(example.expected, outcome)).length;
  const latencyMean = mean(latencies);
  return {
    operator: operator.displayName,
    operatorId: operator.id,
    version: operator.version,
    outputFormat: operator.outputFormat,
    examples: pairs.length,
    correct,
    accuracy: ratio(correct, pairs.length),
    failed: pairs.length - results.length,
    fields: operator.outputFormat === 'JSON' ? fieldScores(pairs) : {},
    labels: labelScores(operator, pairs),
    latencyMs: { mean: latencyMean === null ? null : Math.round(latencyMean * 10) / 10, p95: percentile95(latencies) },
    characters: {
      input: results.reduce((sum, outcome) => sum + (outcome.inputCharacters ?? 0), 0),
      output: results.reduce((sum, outcome) => sum + (outcome.outputCharacters ?? 0), 0),
    },
    schemaViolations: pairs.filter(({ outcome }) => (outcome.schemaViolations?.length ?? 0) > 0).length,
  };
}

type Pair = { example: LabelledExample; outcome: VersionOutcome };

/** The top-level fields of the expected objects, in the order they first appear. */
function expectedFields(pairs: readonly Pair[]): string[] {
  const fields = new Set<string>();
  for (const { example } of pairs)
    if (typeof example.expected === 'object') for (const key of Object.keys(example.expected)) fields.add(key);
  return [...fields];
}

function fieldScores(pairs: readonly Pair[]): Record<string, FieldScore> {
  return Object.fromEntries(
    expectedFields(pairs).map((field) => {
      const having = pairs.filter(({ example }) => typeof example.expected === 'object' && field in example.expected);
      const correct = having.filter(
        ({ example, outcome }) =>
          outcome.output !== undefined && sameJson(fieldOf(example.expected, field), fieldOf(outcome.output, field)),
      ).length;
      return [field, { correct, total: having.length, accuracy: ratio(correct, having.length) }];
    }),
  );
}

/** Enum-like fields: the schema gives an enum, or every expected value is one of a few strings. CLASSIFICATION: the label. */
function labelScores(operator: OperatorUnderTest, pairs: readonly Pair[]): Record<string, FieldLabels> {
  if (operator.outputFormat === 'CLASSIFICATION') {
    return { [LABEL_FIELD]: fieldLabels(pairs.map(({ example, outcome }) => [example.expected, outcome.output])) };
  }
  if (operator.outputFormat !== 'JSON') return {};
  const scored = expectedFields(pairs).filter((field) => enumLike(operator, field, pairs));
  return Object.fromEntries(
    scored.map((field) => [
      field,
      fieldLabels(pairs.map(({ example, outcome }) => [fieldOf(example.expected, field), fieldOf(outcome.output, field)])),
    ]),
  );
}

function enumLike(operator: OperatorUnderTest, field: string, pairs: readonly Pair[]): boolean {
  const property = fieldOf(operator.outputSchema?.properties, field);
  if (Array.isArray(fieldOf(property, 'enum'))) return true;
  const values = pairs.map(({ example }) => fieldOf(example.expected, field));
  return values.every((value) => typeof value === 'string') && new Set(values).size <= MAX_LABELS;
}

function labelText(value: unknown): string {
  if (value === undefined || value === null) return MISSING;
  if (value === '') return EMPTY;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Precision, recall and the confusion table of (expected, predicted) label pairs. */
export function fieldLabels(pairs: readonly (readonly [unknown, unknown])[]): FieldLabels {
  const confusion: Record<string, Record<string, number>> = {};
  const labels = new Set<string>();
  for (const [expected, predicted] of pairs) {
    const want = labelText(expected);
    const got = labelText(predicted);
    labels.add(want).add(got);
    const row = (confusion[want] ??= {});
    row[got] = (row[got] ?? 0) + 1;
  }
  const count = (label: string, side: 0 | 1) => pairs.filter((pair) => labelText(pair[side]) === label).length;
  const scores = [...labels].sort().map((label): LabelScore => {
    const hits = confusion[label]?.[label] ?? 0;
    const support = count(label, 0);
    const predicted = count(label, 1);
    return { label, precision: predicted ? hits / predicted : null, recall: support ? hits / support : null, support, predicted };
  });
  return { labels: scores, confusion };
}

/** Examples where the versions' outputs are not all the same, with every output and the expected one. */
export function disagreements(operators: readonly OperatorUnderTest[], outcomes: readonly ExampleOutcome[]): Disagreement[] {
  if (operators.length < 2) return [];
  return outcomes.flatMap(({ example, outcomes: all }) => {
    const outputs = operators.map((operator, index) => versionOutput(operator, example, all[index] ?? { error: 'not run' }));
    const [first, ...rest] = outputs;
    if (!first || rest.every((other) => sameJson(other.output, first.output) && other.error === first.error)) return [];
    return [{ line: example.line, id: example.id, expected: example.expected, outputs }];
  });
}

export function versionOutput(operator: OperatorUnderTest, example: LabelledExample, outcome: VersionOutcome): VersionOutput {
  return {
    operator: operator.displayName,
    operatorId: operator.id,
    version: operator.version,
    output: outcome.output ?? null,
    correct: isCorrect(example.expected, outcome),
    ...(outcome.error === undefined ? {} : { error: outcome.error }),
  };
}
