// The operators' contract with the rest of the emulator (e.g. the transcript analysis engine).
//
//   attachedOperators(store, serviceSid): OperatorRecord[]
//     The operators attached to a service, pre-built and custom, in attach order; [] for an
//     unknown service. Operators deleted since they were attached are skipped.
//   findOperator(store, sid): OperatorRecord | undefined      pre-built or custom, by SID
//
//   OperatorRecord (record.ts): the API fields — sid, account_sid, friendly_name, description,
//   author, operator_type (the Operator Type name), version, availability, config, date_created,
//   date_updated — plus, for producing results:
//     result_type     the OperatorResult `operator_type`: conversation-classify, utterance-classify,
//                     extract, extract-normalize, pii-extract, text-generation or json
//     labels          classifiers: the possible labels (Sentiment Analysis: positive, negative,
//                     neutral, mixed); extractors: the entity types they find
//     phrases         phrase matchers (utterance-classify): phrases that make a sentence match
//     language_codes  languages the operator supports
//     prebuilt        true for Twilio's catalogue
//   Generative custom operators carry their prompt, json_result_schema (GenerativeJSON) and
//   examples ([{input, output}], output a string) in `config`.
//
// Records are shared, not copied: treat them as read-only.
import { servicesIn } from '../services/record.js';
import type { Store } from '../store.js';
import { customOperatorsOf } from './custom.js';
import { findPrebuilt } from './prebuilt.js';
import type { OperatorRecord } from './record.js';

export type { OperatorRecord, Availability } from './record.js';
export type { OperatorResultType } from './operator-types.js';
export { CONVERSATION_SUMMARY_SID, SENTIMENT_ANALYSIS_SID, PREBUILT_OPERATORS } from './prebuilt.js';

export function findOperator(store: Store, sid: string): OperatorRecord | undefined {
  return findPrebuilt(sid) ?? customOperatorsOf(store).get(sid);
}

export function attachedOperators(store: Store, serviceSid: string): OperatorRecord[] {
  const service = servicesIn(store).get(serviceSid);
  if (!service) return [];
  return service.read_only_attached_operator_sids.flatMap((sid) => findOperator(store, sid) ?? []);
}
