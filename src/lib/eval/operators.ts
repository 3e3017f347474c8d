// The operators an evaluation runs: v3 operators by ID, display name or NAME@VERSION, each pinned to one
// version. A classic (v2) operator is refused with the reason: v2 has no way to run an operator on text.
import type { Twilio } from 'twilio';
import { NotFoundError, UsageError } from '../errors.js';
import { generationOfId } from '../generation.js';
import { resolveOperators as resolveClassicOperators } from '../operators.js';
import { MAX_OPERATORS_PER_RULE } from '../v3/configurations.js';
import { OUTPUT_FORMATS } from '../v3/names.js';
import { fetchOperatorVersion, isOperatorId, resolveOperator, splitVersionRef } from '../v3/operators.js';
import type { OperatorUnderTest } from './types.js';

const CLASSIC_REASON =
  'classic (v2) operators run only on a transcript of a v2 service; v2 has no way to run an operator on a text conversation';
const CLASSIC_HINT = 'evaluate a v3 operator: its ID (intelligence_operator_…), display name or NAME@VERSION';

function classicRefused(ref: string): UsageError {
  return new UsageError(`"${ref}" is a classic (v2) operator and cannot be evaluated: ${CLASSIC_REASON}`, { hint: CLASSIC_HINT });
}

/** Resolves every reference (in order) to an operator version; two references to one version are refused. */
export async function operatorsUnderTest(client: Twilio, refs: readonly string[]): Promise<OperatorUnderTest[]> {
  if (refs.length > MAX_OPERATORS_PER_RULE) {
    throw new UsageError(`${refs.length} operators given; one evaluation runs at most ${MAX_OPERATORS_PER_RULE} (one rule's worth)`);
  }
  const resolved: OperatorUnderTest[] = [];
  for (const ref of refs) resolved.push(await operatorUnderTest(client, ref));
  const seen = new Set<string>();
  for (const [index, operator] of resolved.entries()) {
    const key = `${operator.id}@${operator.version}`;
    if (seen.has(key)) throw new UsageError(`"${refs[index]}" names ${operator.displayName}@${operator.version} a second time`);
    seen.add(key);
  }
  return resolved;
}

async function operatorUnderTest(client: Twilio, given: string): Promise<OperatorUnderTest> {
  const { ref, version: pinned } = splitVersionRef(given);
  if (generationOfId(ref) === 'classic') throw classicRefused(given);
  const operator = await v3Operator(client, ref);
  const id = String(operator.id);
  // The version's own definition: its output schema (and format) may differ from the current one's.
  const version = await fetchOperatorVersion(client, id, pinned ?? Number(operator.version));
  if (version.status === 'RETIRED')
    throw new UsageError(`${String(version.displayName)}@${String(version.version)} is RETIRED: it no longer runs`);
  const outputFormat = OUTPUT_FORMATS.find((format) => format === version.outputFormat);
  if (!outputFormat)
    throw new UsageError(`${String(version.displayName)} has an output format ci cannot score: ${String(version.outputFormat)}`);
  return {
    id,
    displayName: String(version.displayName),
    version: Number(version.version),
    outputFormat,
    ...(isRecord(version.outputSchema) ? { outputSchema: version.outputSchema } : {}),
  };
}

/** A v3 operator; a name only a classic operator has is refused as classic rather than "not found". */
async function v3Operator(client: Twilio, ref: string) {
  try {
    return await resolveOperator(client, ref);
  } catch (error) {
    if (!(error instanceof NotFoundError) || isOperatorId(ref)) throw error;
    if (await isClassicName(client, ref)) throw classicRefused(ref);
    throw error;
  }
}

async function isClassicName(client: Twilio, name: string): Promise<boolean> {
  try {
    return (await resolveClassicOperators(client, [name])).length > 0;
  } catch {
    return false; // not a classic name either (or v2 is not reachable): the v3 "not found" stands
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
