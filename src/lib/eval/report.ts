// The evaluation report: its JSON form (documented in the README) and how a person reads it: a summary per
// version, per-field accuracy, label tables with their confusion, the outputs side by side, the disagreements.
import type { Column, Row, Style } from '../output/types.js';
import { table, wrappedTable } from '../output/table.js';
import { disagreements, scoreVersion, versionOutput, type Disagreement, type FieldLabels, type VersionScore } from './score.js';
import type { ExampleOutcome, Expected, OperatorUnderTest } from './types.js';

/** One example with every version's output: an --ndjson line, and an element of the report's `examples`. */
export interface ExampleLine {
  line: number;
  id: string;
  expected: Expected;
  results: (ReturnType<typeof versionOutput> & {
    latencyMs: number | null;
    inputCharacters: number | null;
    outputCharacters: number | null;
    schemaViolations: string[];
  })[];
}

/** What an evaluation created and left in place (`--keep`), by kind. */
export type Kept = Record<string, string[]>;

export interface EvalReport {
  set: string;
  versions: VersionScore[];
  disagreements: Disagreement[];
  examples: ExampleLine[];
  kept?: Kept;
}

export function exampleLine(operators: readonly OperatorUnderTest[], { example, outcomes }: ExampleOutcome): ExampleLine {
  return {
    line: example.line,
    id: example.id,
    expected: example.expected,
    results: operators.map((operator, index) => {
      const outcome = outcomes[index] ?? { error: 'not run' };
      return {
        ...versionOutput(operator, example, outcome),
        latencyMs: outcome.latencyMs ?? null,
        inputCharacters: outcome.inputCharacters ?? null,
        outputCharacters: outcome.outputCharacters ?? null,
        schemaViolations: outcome.schemaViolations ?? [],
      };
    }),
  };
}

export function buildReport(
  set: string,
  operators: readonly OperatorUnderTest[],
  outcomes: readonly ExampleOutcome[],
  kept?: Kept,
): EvalReport {
  const inSetOrder = [...outcomes].sort((a, b) => a.example.line - b.example.line);
  return {
    set,
    versions: operators.map((operator, index) => scoreVersion(operator, index, inSetOrder)),
    disagreements: disagreements(operators, inSetOrder),
    examples: inSetOrder.map((outcome) => exampleLine(operators, outcome)),
    ...(kept ? { kept } : {}),
  };
}

// ---- the human form ----

const nameOf = (version: { operator: string; version: number }) => `${version.operator}@${version.version}`;
const fraction = (part: number, whole: number) => `${whole === 0 ? '-' : (part / whole).toFixed(2)} (${part}/${whole})`;
const decimal = (value: number | null) => (value === null ? '-' : value.toFixed(2));
const shown = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

const SUMMARY_COLUMNS: Column[] = [
  { key: 'name', header: 'VERSION' },
  { key: 'accuracy', header: 'ACCURACY' },
  { key: 'failed', header: 'NO RESULT' },
  { key: 'schemaViolations', header: 'SCHEMA VIOLATIONS' },
  { key: 'latency', header: 'LATENCY MEAN/P95' },
  { key: 'characters', header: 'CHARACTERS IN/OUT' },
];

function summaryRows(versions: readonly VersionScore[]): Row[] {
  return versions.map((version) => ({
    name: nameOf(version),
    accuracy: fraction(version.correct, version.examples),
    failed: String(version.failed),
    schemaViolations: String(version.schemaViolations),
    latency: version.latencyMs.mean === null ? '-' : `${version.latencyMs.mean} / ${version.latencyMs.p95 ?? '-'} ms`,
    characters: `${version.characters.input} / ${version.characters.output}`,
  }));
}

function fieldsSection(versions: readonly VersionScore[], style: Style): string[] {
  const fields = [...new Set(versions.flatMap((version) => Object.keys(version.fields)))];
  if (fields.length === 0) return [];
  const columns: Column[] = [
    { key: 'field', header: 'FIELD' },
    ...versions.map((version, index) => ({ key: `v${index}`, header: nameOf(version) })),
  ];
  const rows = fields.map((field) => ({
    field,
    ...Object.fromEntries(
      versions.map((version, index) => {
        const score = version.fields[field];
        return [`v${index}`, score ? fraction(score.correct, score.total) : '-'];
      }),
    ),
  }));
  return [style.bold('Accuracy per field'), table(columns, rows, style, style.width)];
}

function labelSection(version: VersionScore, field: string, labels: FieldLabels, style: Style): string[] {
  const scores = table(
    [
      { key: 'label', header: 'LABEL' },
      { key: 'precision', header: 'PRECISION' },
      { key: 'recall', header: 'RECALL' },
      { key: 'support', header: 'EXPECTED' },
      { key: 'predicted', header: 'PREDICTED' },
    ],
    labels.labels.map((label) => ({
      ...label,
      precision: decimal(label.precision),
      recall: decimal(label.recall),
      support: String(label.support),
      predicted: String(label.predicted),
    })),
    style,
    style.width,
  );
  const names = labels.labels.map((label) => label.label);
  const confusion = table(
    [{ key: 'expected', header: 'EXPECTED \\ GIVEN' }, ...names.map((name) => ({ key: `=${name}`, header: name }))],
    labels.labels
      .filter((label) => label.support > 0) // a row per label some example has
      .map(({ label: expected }) => ({
        expected,
        ...Object.fromEntries(names.map((given) => [`=${given}`, String(labels.confusion[expected]?.[given] ?? 0)])),
      })),
    style,
    style.width,
  );
  return [style.bold(`${nameOf(version)}: ${field}`), scores, '', confusion];
}

/** TEXT outputs are only ever exact or not: the report shows them beside the expected text. */
function sideBySide(report: EvalReport, style: Style): string[] {
  const text = report.versions.some((version) => version.outputFormat === 'TEXT');
  if (!text) return [];
  return [
    style.bold('Outputs side by side'),
    ...report.examples.flatMap((example) => [
      wrappedTable(
        [
          { key: 'who', header: example.id },
          { key: 'text', header: '' },
        ],
        [
          { who: 'expected', text: shown(example.expected) },
          ...example.results.map((result) => ({ who: `${nameOf(result)} ${result.correct ? '✓' : '✗'}`, text: shown(result.output) })),
        ],
        style,
        style.width,
      ),
      '',
    ]),
  ];
}

function disagreementSection(report: EvalReport, style: Style): string[] {
  if (report.versions.length < 2) return [];
  const { length } = report.disagreements;
  const heading = style.bold(`Disagreements: ${length} of ${report.examples.length} examples`);
  return [
    heading,
    ...report.disagreements.flatMap((disagreement) => [
      wrappedTable(
        [
          { key: 'who', header: `${disagreement.id}` },
          { key: 'value', header: '' },
        ],
        [
          { who: 'expected', value: shown(disagreement.expected) },
          ...disagreement.outputs.map((output) => ({
            who: `${nameOf(output)} ${output.correct ? '✓' : '✗'}`, // no colour in a cell: it would skew the columns
            value: output.error ?? shown(output.output),
          })),
        ],
        style,
        style.width,
      ),
      '',
    ]),
  ];
}

export function renderReport(report: EvalReport, style: Style): string {
  const sections: string[][] = [
    [
      style.bold(`Operator eval on ${report.set}: ${report.examples.length} labelled conversations`),
      table(SUMMARY_COLUMNS, summaryRows(report.versions), style, style.width),
    ],
    fieldsSection(report.versions, style),
    ...report.versions.flatMap((version) =>
      Object.entries(version.labels).map(([field, labels]) => labelSection(version, field, labels, style)),
    ),
    sideBySide(report, style),
    disagreementSection(report, style),
    report.kept ? [style.bold('Kept, not deleted'), ...Object.entries(report.kept).map(([kind, ids]) => `${kind}: ${ids.join(', ')}`)] : [],
  ];
  return `${sections
    .filter((section) => section.length > 0)
    .map((section) => section.join('\n').trimEnd())
    .join('\n\n')}\n`;
}
