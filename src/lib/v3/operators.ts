// v3 Language Operators over the SDK's client.intelligence.v3: plain async functions, no IO.
import type { Twilio } from 'twilio';
import { explainConflict } from '../conflict.js';
import { NotFoundError, UsageError } from '../errors.js';
import { toPlain } from '../output/format.js';
import type { Row } from '../output/types.js';
import type { Author } from './names.js';
import { operatorProblems, type OperatorDefinition } from './operator-definition.js';

const OPERATOR_ID = /^intelligence_operator_[0-7][0-9a-z]{25}$/;
type LanguageOperator = Parameters<Twilio['intelligence']['v3']['operators']['create']>[0];

export function isOperatorId(value: string): boolean {
  return OPERATOR_ID.test(value);
}

/** `NAME@N` names version N of an operator; a bare name or ID means the current version. */
export function splitVersionRef(ref: string): { ref: string; version?: number } {
  const match = /^(.+)@(\d+)$/.exec(ref);
  return match?.[1] && match[2] ? { ref: match[1], version: Number(match[2]) } : { ref };
}

/** Every operator of the account, Twilio's first; `author` filters here (the API has no such filter). */
export async function listOperators(client: Twilio, author?: Author): Promise<Row[]> {
  const all = await client.intelligence.v3.operators.list({ pageSize: 1000 });
  return all.map((operator) => toPlain<Row>(operator)).filter((operator) => author === undefined || operator.author === author);
}

/** An operator by ID or exact display name (a name two operators share is refused with their IDs). */
export async function resolveOperator(client: Twilio, ref: string): Promise<Row> {
  if (isOperatorId(ref)) return toPlain(await client.intelligence.v3.operators(ref).fetch());
  const matches = (await listOperators(client)).filter((operator) => operator.displayName === ref);
  const [only, ...more] = matches;
  if (!only) throw new NotFoundError(`no v3 operator named "${ref}"`, { hint: 'see `ci --generation v3 operators list`' });
  if (more.length > 0) {
    throw new UsageError(`${matches.length} v3 operators are named "${ref}"`, {
      hint: `give an ID: ${matches.map((operator) => String(operator.id)).join(', ')}`,
    });
  }
  return only;
}

export async function operatorId(client: Twilio, ref: string): Promise<string> {
  return isOperatorId(ref) ? ref : String((await resolveOperator(client, ref)).id);
}

/** One version of an operator, with its lifecycle status and dates. */
export async function fetchOperatorVersion(client: Twilio, id: string, version: number): Promise<Row> {
  return toPlain(await client.intelligence.v3.versions(id, version).fetch());
}

/** Versions, newest first, with status and dates. */
export async function listOperatorVersions(client: Twilio, id: string): Promise<Row[]> {
  return (await client.intelligence.v3.versions(id).list({ pageSize: 1000 })).map((version) => toPlain<Row>(version));
}

function assertValid(definition: OperatorDefinition): void {
  const problems = operatorProblems(definition);
  if (problems.length) throw new UsageError(`invalid v3 operator: ${problems.join('; ')}`);
}

/** The SDK types outputSchema as Record<string, object>, which a JSON Schema (`type: 'object'`) is not. */
function body(definition: OperatorDefinition): LanguageOperator {
  return definition as unknown as LanguageOperator;
}

export async function createOperator(client: Twilio, definition: OperatorDefinition): Promise<Row> {
  assertValid(definition);
  return toPlain(await client.intelligence.v3.operators.create(body(definition)));
}

/** The fields of a current operator that a full-replacement PUT must send again. */
export function definitionOf(current: Row): OperatorDefinition {
  return toPlain<OperatorDefinition>({
    displayName: current.displayName,
    description: current.description ?? '',
    prompt: current.prompt ?? '',
    outputFormat: current.outputFormat,
    ...(current.outputSchema ? { outputSchema: current.outputSchema } : {}),
    trainingExamples: current.trainingExamples ?? [],
    parameters: current.parameters ?? {},
    context: current.context ?? { memory: { enabled: false }, knowledge: { enabled: false } },
  });
}

/**
 * Replaces an operator (a new version) only if it is still at `ifMatch`. The SDK declares `ifMatch`
 * on OperatorContextUpdateOptions but never sends it, so the header goes in update()'s headers argument.
 */
export async function updateOperator(client: Twilio, id: string, definition: OperatorDefinition, ifMatch: number): Promise<Row> {
  assertValid(definition);
  try {
    return toPlain(await client.intelligence.v3.operators(id).update(body(definition), { 'If-Match': String(ifMatch) }));
  } catch (error) {
    throw explainConflict(error, `v3 operator ${id}`, ifMatch, 'show it again (`ci operators show`) and retry the update');
  }
}

export async function deleteOperator(client: Twilio, id: string): Promise<void> {
  await client.intelligence.v3.operators(id).remove();
}
