// Language Operators over a Twilio client: listing, resolving by SID or name, attachments, and
// generative custom operators (validated locally before anything is sent). No IO of its own.
import type { Twilio } from 'twilio';
import type { OperatorAvailability } from 'twilio/lib/rest/intelligence/v2/operator.js';
import { explainConflict } from './conflict.js';
import { NotFoundError, UsageError, httpStatusOf } from './errors.js';
import type { DefinitionParts } from './operator-input.js';
import { findByName, namesakeIds, type NamedOperator } from './operator-names.js';
import { configOf, definitionProblems, type GenerativeDefinition, type TrainingExample } from './operator-schema.js';
import { toPlain } from './output/format.js';
import type { Row } from './output/types.js';
import { pageSizeFor, streamPages } from './paging.js';
import { listServices, resolveServiceSid } from './services.js';
import { isSid, looksLikeSid, parseSid } from './sid.js';
import { closestNames } from './suggest.js';
import { textOf } from './rows.js';

/** internal, beta, public, retired, general-availability or deprecated (the flag lists them). */
export type Availability = OperatorAvailability;
export type OperatorSource = 'all' | 'prebuilt' | 'custom';

export interface OperatorFilters {
  source?: OperatorSource;
  availability?: Availability;
  languageCode?: string;
}

const GENERATIVE = 'Generative';
const GENERATIVE_JSON = 'GenerativeJSON';

export function listOperators(client: Twilio, filters: OperatorFilters = {}, limit?: number): AsyncGenerator<Row> {
  const v2 = client.intelligence.v2;
  const options = { availability: filters.availability, languageCode: filters.languageCode, pageSize: pageSizeFor(limit) };
  const source = filters.source ?? 'all';
  const first =
    // The pre-built listing's type omits 'deprecated'; the API answers it like any other filter.
    source === 'prebuilt'
      ? v2.prebuiltOperators.page(options as Parameters<typeof v2.prebuiltOperators.page>[0])
      : source === 'custom'
        ? v2.customOperators.page(options)
        : v2.operators.page(options);
  return streamPages<object>(first, limit);
}

async function allOperators(client: Twilio): Promise<Row[]> {
  const rows: Row[] = [];
  for await (const row of listOperators(client)) rows.push(row);
  return rows;
}

/** An operator row as the name checks see it. */
const named = (row: Row): NamedOperator & { row: Row } => ({ id: String(row.sid), name: String(row.friendlyName), row });

/** "did you mean …" for names that match no operator, else where to look. */
function suggestionHint(refs: string[], catalogue: Row[]): string {
  const known = catalogue.map((operator) => String(operator.friendlyName));
  const close = refs.flatMap((ref) => closestNames(ref, known));
  return close.length
    ? `did you mean ${[...new Set(close)].map((name) => `"${name}"`).join(', ')}? (see \`ci operators list\`)`
    : 'see `ci operators list`';
}

/** The account's custom operators, as the name checks see them. */
export async function customOperatorNames(client: Twilio): Promise<NamedOperator[]> {
  const operators: NamedOperator[] = [];
  for await (const row of listOperators(client, { source: 'custom' })) operators.push(named(row));
  return operators;
}

/** The services an operator is attached to (every service's attachments are read). */
export async function servicesAttachedTo(client: Twilio, operatorSid: string): Promise<Row[]> {
  const services: Row[] = [];
  for await (const service of listServices(client)) {
    if ((await attachedOperatorSids(client, String(service.sid))).includes(operatorSid)) services.push(service);
  }
  return services;
}

const describeOperator = (operator: Row) => `"${String(operator.friendlyName)}" (${String(operator.sid)})`;

/**
 * Operators by SID or friendly name (case-insensitive, exact). Every unknown or ambiguous name is
 * reported in one error: ambiguous → exit 2 with the candidates, unknown → exit 4.
 */
export async function resolveOperators(client: Twilio, refs: string[]): Promise<Row[]> {
  for (const ref of refs) if (looksLikeSid(ref, 'LY')) parseSid(ref, 'LY');
  const names = refs.filter((ref) => !isSid(ref, 'LY'));
  const catalogue = names.length ? await allOperators(client) : [];
  const ambiguous: string[] = [];
  const unknown: string[] = [];
  const resolved: Row[] = [];
  for (const ref of refs) {
    if (isSid(ref, 'LY')) {
      resolved.push(toPlain(await client.intelligence.v2.operators(ref).fetch()));
      continue;
    }
    const matches = findByName(catalogue.map(named), ref).map((operator) => operator.row);
    const [match, ...others] = matches;
    if (!match) unknown.push(ref);
    else if (others.length === 0) resolved.push(match);
    else ambiguous.push(`"${ref}" matches ${matches.length} operators: ${namesakeIds(matches.map(named))}`);
  }
  const unknownText = unknown.length ? `no operator with SID or name ${unknown.map((ref) => `"${ref}"`).join(', ')}` : '';
  if (ambiguous.length) {
    // Both kinds in one line; the ambiguity decides the exit code, since only the user can settle it.
    const message = [`ambiguous operator name: ${ambiguous.join('; ')}`, unknownText].filter(Boolean).join('; ');
    throw new UsageError(message, { hint: 'give one of those SIDs instead of the name' });
  }
  if (unknown.length) throw new NotFoundError(unknownText, { hint: suggestionHint(unknown, catalogue) });
  return resolved;
}

export async function resolveOperator(client: Twilio, ref: string): Promise<Row> {
  const [operator] = await resolveOperators(client, [ref]);
  if (!operator) throw new NotFoundError(`no operator with SID or name "${ref}"`, { hint: 'see `ci operators list`' });
  return operator;
}

/** The custom operator behind a reference; a pre-built one is refused (exit 2) naming the action. */
export async function resolveCustomOperator(client: Twilio, ref: string, action: string): Promise<Row> {
  const operator = await resolveOperator(client, ref);
  try {
    return toPlain(await client.intelligence.v2.customOperators(textOf(operator, 'sid')).fetch());
  } catch (error) {
    if (httpStatusOf(error) !== 404) throw error;
    throw new UsageError(`cannot ${action} ${describeOperator(operator)}: it is a pre-built operator from Twilio's catalogue`, {
      hint: 'only custom operators can be changed; to stop using it, `ci operators detach <service> <operator>`',
    });
  }
}

export async function attachedOperatorSids(client: Twilio, serviceSid: string): Promise<string[]> {
  const attachments = await client.intelligence.v2.operatorAttachments(serviceSid).fetch();
  return attachments.operatorSids ?? [];
}

export type AttachmentChange = 'attached' | 'already attached' | 'detached' | 'not attached';

export interface AttachmentReport {
  serviceSid: string;
  changes: Array<{ operatorSid: string; friendlyName: string; change: AttachmentChange }>;
  /** The service's operators afterwards, in attach order. */
  attachedOperators: Row[];
}

/** Attaches each operator not yet attached; those already attached are reported, not re-sent. */
export async function attachOperators(client: Twilio, serviceRef: string, operatorRefs: string[]): Promise<AttachmentReport> {
  const serviceSid = await resolveServiceSid(client, serviceRef);
  const operators = await resolveOperators(client, operatorRefs);
  const attached = new Set(await attachedOperatorSids(client, serviceSid));
  const changes: AttachmentReport['changes'] = [];
  for (const operator of operators) {
    const sid = textOf(operator, 'sid');
    const already = attached.has(sid);
    if (!already) await client.intelligence.v2.operatorAttachment(serviceSid, sid).create();
    attached.add(sid);
    changes.push({ operatorSid: sid, friendlyName: textOf(operator, 'friendlyName'), change: already ? 'already attached' : 'attached' });
  }
  return { serviceSid, changes, attachedOperators: await attachedOperatorRows(client, serviceSid) };
}

/** Detaches the operators that are attached; those that are not are reported, and nothing is sent for them. */
export async function detachOperators(client: Twilio, serviceRef: string, operatorRefs: string[]): Promise<AttachmentReport> {
  const serviceSid = await resolveServiceSid(client, serviceRef);
  const operators = await resolveOperators(client, operatorRefs);
  const attached = new Set(await attachedOperatorSids(client, serviceSid));
  const changes: AttachmentReport['changes'] = [];
  for (const operator of operators) {
    const sid = textOf(operator, 'sid');
    const detaching = attached.delete(sid);
    if (detaching) await client.intelligence.v2.operatorAttachment(serviceSid, sid).remove();
    changes.push({ operatorSid: sid, friendlyName: textOf(operator, 'friendlyName'), change: detaching ? 'detached' : 'not attached' });
  }
  return { serviceSid, changes, attachedOperators: await attachedOperatorRows(client, serviceSid) };
}

/** The operators attached to a service, in attach order, as full rows; filters narrow them down. */
export async function attachedOperatorRows(client: Twilio, serviceSid: string, filters: OperatorFilters = {}): Promise<Row[]> {
  const sids = await attachedOperatorSids(client, serviceSid);
  if (!sids.length) return [];
  const bySid = new Map<string, Row>();
  for await (const operator of listOperators(client, filters)) bySid.set(textOf(operator, 'sid'), operator);
  return sids.map((sid) => bySid.get(sid)).filter((row): row is Row => row !== undefined);
}

/** A definition from the parts the user gave, with every problem found; the name and prompt are required. */
export function newDefinition(
  friendlyName: string | undefined,
  parts: DefinitionParts,
): { definition: GenerativeDefinition; problems: string[] } {
  const definition = { friendlyName: friendlyName ?? '', prompt: parts.prompt ?? '', schema: parts.schema, examples: parts.examples ?? [] };
  const problems = [...parts.problems];
  if (friendlyName === undefined) problems.push('give --name');
  const promptMissing = parts.prompt === undefined;
  if (promptMissing && !parts.problems.some((problem) => problem.startsWith('--prompt'))) problems.push('give --prompt or --prompt-file');
  // A missing name or prompt is reported once, as the flag to give, not a second time as "empty".
  const implied = new Set([
    ...(promptMissing ? ['the prompt is empty'] : []),
    ...(friendlyName === undefined ? ['the name is empty'] : []),
  ]);
  problems.push(...definitionProblems(definition).filter((problem) => !implied.has(problem)));
  return { definition, problems };
}

export function assertNoProblems(problems: string[], what: string): void {
  if (problems.length) throw new UsageError(`${what}: ${problems.join('; ')}`);
}

/** Creates a Generative operator, or GenerativeJSON when the definition has a schema. */
export async function createGenerativeOperator(client: Twilio, definition: GenerativeDefinition): Promise<Row> {
  assertNoProblems(definitionProblems(definition), 'invalid operator');
  const created = await client.intelligence.v2.customOperators.create({
    friendlyName: definition.friendlyName,
    operatorType: definition.schema === undefined ? GENERATIVE : GENERATIVE_JSON,
    config: configOf(definition),
  });
  return toPlain(created);
}

export interface GenerativeChanges {
  friendlyName?: string;
  parts: DefinitionParts;
  /** The version the change is based on; default: the version just read. */
  ifMatch?: number;
}

/**
 * Changes a generative operator. Parts not given keep their current value; given examples replace
 * the current ones. Sent with If-Match, so a concurrent change is reported, never overwritten.
 */
export async function updateGenerativeOperator(client: Twilio, ref: string, changes: GenerativeChanges): Promise<Row> {
  const { parts } = changes;
  const nothing =
    changes.friendlyName === undefined && parts.prompt === undefined && parts.schema === undefined && parts.examples === undefined;
  if (nothing && !parts.problems.length)
    throw new UsageError('nothing to update: give at least one flag', { hint: 'see `ci operators update --help`' });
  const current = await resolveCustomOperator(client, ref, 'update');
  const type = textOf(current, 'operatorType');
  const problems = [...parts.problems];
  if (type !== GENERATIVE && type !== GENERATIVE_JSON) {
    throw new UsageError(
      `cannot update ${describeOperator(current)}: ci edits Generative and GenerativeJSON operators, this one is ${type}`,
    );
  }
  if (type === GENERATIVE && parts.schema !== undefined) {
    problems.push(
      `${describeOperator(current)} is a Generative (text) operator and cannot take a --schema; create a new operator with --schema instead`,
    );
  }
  const config = (current.config ?? {}) as { prompt?: string; json_result_schema?: unknown; examples?: TrainingExample[] };
  const definition: GenerativeDefinition = {
    friendlyName: changes.friendlyName ?? textOf(current, 'friendlyName'),
    prompt: parts.prompt ?? config.prompt ?? '',
    schema: type === GENERATIVE_JSON ? (parts.schema ?? config.json_result_schema) : undefined,
    examples: parts.examples ?? config.examples ?? [],
  };
  problems.push(...definitionProblems(definition));
  assertNoProblems(problems, 'invalid operator');

  const version = changes.ifMatch ?? (current.version as number);
  try {
    const updated = await client.intelligence.v2.customOperators(textOf(current, 'sid')).update({
      friendlyName: definition.friendlyName,
      config: configOf(definition),
      ifMatch: String(version),
    });
    return toPlain(updated);
  } catch (error) {
    throw explainConflict(
      error,
      describeOperator(current),
      version,
      `see \`ci operators show ${textOf(current, 'sid')}\` and run the update again`,
    );
  }
}

export async function deleteCustomOperator(client: Twilio, sid: string): Promise<void> {
  await client.intelligence.v2.customOperators(sid).remove();
}

export function listOperatorTypes(client: Twilio, languageCode?: string): AsyncGenerator<Row> {
  return streamPages<object>(client.intelligence.v2.operatorType.page({ languageCode, pageSize: pageSizeFor(undefined) }));
}

/** An Operator Type by name (e.g. GenerativeJSON) or SID (EY…). */
export async function fetchOperatorType(client: Twilio, nameOrSid: string): Promise<Row> {
  return toPlain(await client.intelligence.v2.operatorType(nameOrSid).fetch());
}
