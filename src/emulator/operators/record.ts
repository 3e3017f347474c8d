import type { OperatorResultType } from './operator-types.js';

/** Operator availability as the API spells it. */
export type Availability = 'internal' | 'beta' | 'public' | 'retired' | 'general-availability' | 'deprecated';
export const AVAILABILITIES: readonly Availability[] = ['internal', 'beta', 'public', 'retired', 'general-availability', 'deprecated'];

/**
 * One Language Operator, pre-built or custom: the API fields (minus `url`) plus what the
 * analysis engine needs to produce its results. See lookup.ts for the contract.
 */
export interface OperatorRecord {
  sid: string;
  account_sid: string;
  friendly_name: string;
  description: string | null;
  /** 'twilio' for pre-built operators, the account SID for custom ones. */
  author: string;
  /** Name of the Operator Type, e.g. 'Summarization', 'GenerativeJSON'. */
  operator_type: string;
  version: number;
  availability: Availability;
  /** Custom operators: the Config as sent (e.g. {prompt, json_result_schema, examples}); pre-built: {}. */
  config: Record<string, unknown>;
  date_created: string;
  date_updated: string;

  // Not part of the API representation:
  /** True for Twilio's catalogue (read-only), false for the account's custom operators. */
  prebuilt: boolean;
  /** The OperatorResult `operator_type` this operator produces. */
  result_type: OperatorResultType;
  /** Classifiers: the labels one of which is predicted; extractors: the entity types they find. */
  labels: string[];
  /** Phrase matchers (utterance-classify): the phrases a sentence must contain to match. */
  phrases: string[];
  /** Languages the operator works in (the LanguageCode filter), e.g. ['en-US', 'es-US']. */
  language_codes: string[];
}

type EngineField = 'prebuilt' | 'result_type' | 'labels' | 'phrases' | 'language_codes';

/** The wire form (spec: intelligence.v2.operator / custom_operator / prebuilt_operator). */
export function renderOperator(record: OperatorRecord, url: string): Omit<OperatorRecord, EngineField> & { url: string } {
  const { prebuilt, result_type, labels, phrases, language_codes, ...api } = record;
  return { ...api, url };
}
