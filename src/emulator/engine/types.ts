/** One stretch of speech on one channel: the unit the engine analyses (a "sentence" on the API). */
export interface Utterance {
  /** 1 or 2: the recording channel, i.e. the participant. */
  channel: number;
  /** Seconds from the start of the media. */
  start: number;
  end: number;
  text: string;
}

import type { OperatorResultType } from '../operators/operator-types.js';

/** The result shapes the API knows (`operator_result_enum_operator_type`), as the operators module defines them. */
export type { OperatorResultType };

export interface TrainingExample {
  input: string;
  output: string;
}

/** What the engine needs to know about an operator attached to the service when the transcript was created. */
export interface AnalysisOperator {
  sid: string;
  name: string;
  resultType: OperatorResultType;
  /** Pre-built summary operators summarise extractively; generative ones answer from their examples. */
  generative: boolean;
  labels?: string[];
  phrases?: string[];
  jsonResultSchema?: unknown;
  examples?: TrainingExample[];
}

/** An OperatorResult as stored and served (snake_case, as on the wire; `url` is added when rendered). */
export interface OperatorResultRecord {
  operator_type: OperatorResultType;
  name: string;
  operator_sid: string;
  extract_match: boolean | null;
  match_probability: number | null;
  normalized_result: string | null;
  utterance_results: unknown[];
  utterance_match: boolean | null;
  predicted_label: string | null;
  predicted_probability: number | null;
  label_probabilities: Record<string, number>;
  extract_results: Record<string, string[]>;
  text_generation_results: { format: 'text'; result: string } | null;
  json_results: Record<string, unknown> | null;
  transcript_sid: string;
}
