// The shapes an evaluation passes between its steps: the labelled set, the operators under test, each
// run's outcome, and the report. Plain data, so scoring and rendering are pure functions.
import type { OutputFormat } from '../v3/names.js';
import type { Turn } from './conversation-text.js';

/** What a labelled conversation should produce: a JSON object (JSON operators) or a label / text. */
export type Expected = Record<string, unknown> | string;

export interface LabelledExample {
  /** 1-based line of the set file: how messages and the report name the example. */
  line: number;
  /** The set's own name for it (`"id"`), else `line N`. */
  id: string;
  /** The conversation as text: `Agent:`/`Customer:` lines or JSON lines of {participant, text, at}. */
  conversation: string;
  /** The same, turn by turn. */
  turns: Turn[];
  expected: Expected;
}

/** One operator at one version, as the scratch rule pins it. */
export interface OperatorUnderTest {
  id: string;
  displayName: string;
  version: number;
  outputFormat: OutputFormat;
  outputSchema?: Record<string, unknown>;
}

/** What one operator version produced on one example (or why it produced nothing). */
export interface VersionOutcome {
  /** JSON: the object; CLASSIFICATION: the label; TEXT: the text; undefined when there is no result. */
  output?: unknown;
  error?: string;
  latencyMs?: number;
  inputCharacters?: number;
  outputCharacters?: number;
  /** Where a JSON output breaks the operator's output schema ([] when it keeps it). */
  schemaViolations?: string[];
}

/** Every version's outcome on one example, in the order the operators were given. */
export interface ExampleOutcome {
  example: LabelledExample;
  outcomes: VersionOutcome[];
}
