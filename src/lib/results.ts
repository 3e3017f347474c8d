// OperatorResults of transcripts: fetched, normalised (string probabilities → numbers), filtered.
import type { Twilio } from 'twilio';
import { NotFoundError, WaitError } from './errors.js';
import type { Row } from './output/types.js';
import { allRows, pageSizeFor } from './paging.js';
import { ENDED_WITHOUT_RESULTS, fetchTranscript } from './transcripts.js';

/** Every field of the seed's dump script, in its order: the contract of `ci results --json`. */
export const RESULT_FIELDS = [
  'operatorType',
  'name',
  'operatorSid',
  'extractMatch',
  'matchProbability',
  'normalizedResult',
  'utteranceMatch',
  'predictedLabel',
  'predictedProbability',
  'labelProbabilities',
  'extractResults',
  'utteranceResults',
  'textGenerationResults',
  'jsonResults',
  'transcriptSid',
  'url',
] as const;

export type OperatorResult = Record<(typeof RESULT_FIELDS)[number], unknown>;

export interface TranscriptResults {
  transcript: Row;
  operatorResults: OperatorResult[];
}

export interface ResultOptions {
  /** Undefined: the API's default (redacted when the service redacts). */
  redacted?: boolean;
  /** Keep only the operator with this SID or name (case-insensitive). */
  operator?: string;
}

/** Some API answers carry probabilities as strings ("0.93"); JSON consumers get numbers. */
function toNumber(value: unknown): unknown {
  return typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : value;
}

function numericValues(value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, toNumber(inner)]));
}

export function normaliseResult(raw: Row): OperatorResult {
  const result = Object.fromEntries(RESULT_FIELDS.map((field) => [field, raw[field] ?? null])) as OperatorResult;
  result.matchProbability = toNumber(result.matchProbability);
  result.predictedProbability = toNumber(result.predictedProbability);
  result.labelProbabilities = numericValues(result.labelProbabilities);
  if (Array.isArray(result.utteranceResults)) {
    result.utteranceResults = result.utteranceResults.map((item: unknown) => {
      if (!item || typeof item !== 'object') return item;
      const utterance = item as Row;
      return 'match_probability' in utterance ? { ...utterance, match_probability: toNumber(utterance.match_probability) } : utterance;
    });
  }
  return result;
}

export async function listOperatorResults(client: Twilio, transcriptSid: string, options: ResultOptions = {}): Promise<OperatorResult[]> {
  const results = await allRows(
    client.intelligence.v2
      .transcripts(transcriptSid)
      .operatorResults.page({ redacted: options.redacted, pageSize: pageSizeFor(undefined) }),
  );
  const normalised = results.map(normaliseResult);
  if (options.operator === undefined) return normalised;
  const wanted = options.operator.toLowerCase();
  const matching = normalised.filter((r) => r.operatorSid === options.operator || String(r.name).toLowerCase() === wanted);
  if (matching.length === 0) {
    const names = normalised.map((r) => `${String(r.name)} (${String(r.operatorSid)})`).join(', ') || 'none';
    throw new NotFoundError(`no result of operator "${options.operator}" in transcript ${transcriptSid}`, {
      hint: `results present: ${names}`,
    });
  }
  return matching;
}

/**
 * The transcript and its results, both asked for at once (one round trip, not two); a transcript that is not
 * completed yet is a WaitError (exit 5), and whatever its results request gave is dropped.
 */
export async function fetchResults(client: Twilio, transcriptSid: string, options: ResultOptions = {}): Promise<TranscriptResults> {
  const fetching = fetchTranscript(client, transcriptSid);
  const operatorResults = listOperatorResults(client, transcriptSid, options);
  operatorResults.catch(() => {}); // awaited below, unless the transcript's answer ends the run first
  const transcript = await fetching;
  assertCompleted(transcript);
  return { transcript, operatorResults: await operatorResults };
}

/** Sentences and results exist once a transcript is completed: before that, or after a failure, exit 5 saying why. */
export function assertCompleted(transcript: Row): void {
  if (transcript.status === 'completed') return;
  const sid = String(transcript.sid);
  if (ENDED_WITHOUT_RESULTS.has(String(transcript.status))) {
    throw new WaitError(`transcript ${sid} ended ${String(transcript.status)}: it has no results`, {
      hint: 'transcribe the media again, e.g. ci transcribe RE… --force',
    });
  }
  throw new WaitError(`transcript ${sid} is ${String(transcript.status)}: no sentences or results yet`, {
    hint: `wait for it with: ci results ${sid} --wait (or ci transcripts wait ${sid})`,
  });
}
