// The plan: what would change to make the account match the file. Pure: desired + current in,
// steps out, in the order they must run (operators before the attachments that use them).
import { UsageError } from '../errors.js';
import type { GenerativeDefinition } from '../operator-schema.js';
import type { Row } from '../output/types.js';
import type { ServiceFields } from '../services.js';
import { isSid } from '../sid.js';
import { assertNameFree } from '../operator-names.js';
import type { FieldChange } from './field-change.js';
import type { DesiredOperator, DesiredService, DesiredState } from './load.js';
import type { CurrentState } from './state.js';
import { NO_V3 } from './v3-load.js';
import { planV3, type V3Step } from './v3-plan.js';

export type Step =
  | { action: 'create'; kind: 'operator'; name: string; definition: GenerativeDefinition; changes: FieldChange[] }
  | {
      action: 'update';
      kind: 'operator';
      name: string;
      sid: string;
      version: number;
      definition: GenerativeDefinition;
      changes: FieldChange[];
    }
  | { action: 'create'; kind: 'service'; name: string; fields: ServiceFields & { uniqueName: string }; changes: FieldChange[] }
  | { action: 'update'; kind: 'service'; name: string; sid: string; version: number; fields: ServiceFields; changes: FieldChange[] }
  /** `operatorSid` is absent when the operator is created by an earlier step. */
  | { action: 'attach' | 'detach'; kind: 'attachment'; name: string; service: string; operator: string; operatorSid?: string }
  | { action: 'delete'; kind: 'service' | 'operator'; name: string; sid: string }
  | V3Step;

/** A step of the v3 side (named by ID rather than SID). */
export const isV3Step = (step: Step): step is V3Step =>
  step.kind === 'v3-operator' || step.kind === 'configuration' || step.kind === 'conversation-configuration';

export interface PlanOptions {
  /** Detach operators not listed; delete services and custom operators not in the file (when it has that list). */
  prune?: boolean;
  /** Create an operator although another one already has its name. */
  allowDuplicateName?: boolean;
}

/** The operator types a file describes (prompt, schema, examples). */
export const GENERATIVE_TYPES = new Set(['Generative', 'GenerativeJSON']);

/** JSON with sorted keys, so equal schemas compare equal whatever their key order. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const same = (a: unknown, b: unknown) => canonical(a ?? null) === canonical(b ?? null);
const byName = (rows: Row[], key: string, name: string) => rows.filter((row) => String(row[key]).toLowerCase() === name.toLowerCase());

function definitionFields(definition: GenerativeDefinition): Record<string, unknown> {
  return { prompt: definition.prompt, schema: definition.schema, examples: definition.examples };
}

/** The custom operator a file item means: by its SID, else by its friendly name. */
function matchOperator(definition: DesiredOperator, current: CurrentState): Row | undefined {
  const where = definition.where ? `${definition.where}: ` : '';
  const { sid } = definition;
  if (sid !== undefined) {
    const row = current.catalogue.find((candidate) => candidate.sid === sid && current.customSids.has(sid));
    if (!row) throw new UsageError(`${where}no custom operator ${sid} in this account`, { hint: 'see `ci operators list`' });
    return row;
  }
  const existing = byName(current.catalogue, 'friendlyName', definition.friendlyName).filter((row) =>
    current.customSids.has(row.sid as string),
  );
  if (existing.length > 1) {
    throw new UsageError(
      `${where}operator "${definition.friendlyName}" matches ${existing.length} custom operators (${existing.map((row) => String(row.sid)).join(', ')})`,
      { hint: 'add `sid:` to the item to say which one the file means (`ci export` writes it), or rename the others' },
    );
  }
  return existing[0];
}

function operatorStep(definition: DesiredOperator, current: CurrentState, options: PlanOptions): Step | undefined {
  const row = matchOperator(definition, current);
  if (!row)
    assertNameFree(
      current.catalogue.map((operator) => ({ id: String(operator.sid), name: String(operator.friendlyName) })),
      definition.friendlyName,
      { where: definition.where, allowDuplicate: options.allowDuplicateName },
    );
  const wanted = definitionFields(definition);
  if (!row) {
    const changes = Object.entries(wanted)
      .filter(([, to]) => to !== undefined)
      .map(([field, to]) => ({ field, from: null, to }));
    return { action: 'create', kind: 'operator', name: definition.friendlyName, definition, changes };
  }
  const type = row.operatorType as string;
  if (!GENERATIVE_TYPES.has(type))
    throw new UsageError(
      `operator "${definition.friendlyName}" (${String(row.sid)}) is a ${type} operator; ci manages Generative and GenerativeJSON operators`,
    );
  const wantedType = definition.schema === undefined ? 'Generative' : 'GenerativeJSON';
  if (type !== wantedType) {
    throw new UsageError(
      `operator "${definition.friendlyName}" is ${type} and the file makes it ${wantedType}; the type of an operator cannot change`,
      {
        hint: 'give the new operator another friendlyName, or delete the old one first',
      },
    );
  }
  const config = (row.config ?? {}) as { prompt?: string; json_result_schema?: unknown; examples?: unknown[] };
  const currentFields: Record<string, unknown> = {
    prompt: config.prompt,
    schema: config.json_result_schema,
    examples: config.examples ?? [],
  };
  const changes = Object.keys(wanted)
    .filter((field) => !same(currentFields[field], wanted[field]))
    .map((field) => ({ field, from: currentFields[field] ?? null, to: wanted[field] ?? null }));
  if (row.friendlyName !== definition.friendlyName)
    changes.unshift({ field: 'friendlyName', from: row.friendlyName ?? null, to: definition.friendlyName });
  if (!changes.length) return undefined;
  return {
    action: 'update',
    kind: 'operator',
    name: definition.friendlyName,
    sid: row.sid as string,
    version: row.version as number,
    definition,
    changes,
  };
}

/** The API's rule, with the account's current values for what the file leaves out: media redaction needs auto redaction. */
function assertRedaction(service: DesiredService, row: Row | undefined): void {
  const { fields, places = {} } = service;
  const media = fields.mediaRedaction ?? (row?.mediaRedaction as boolean | undefined) ?? false;
  const auto = fields.autoRedaction ?? (row?.autoRedaction as boolean | undefined) ?? false;
  if (!media || auto) return;
  const where = (fields.mediaRedaction === undefined ? places.autoRedaction : places.mediaRedaction) ?? places.uniqueName;
  const because =
    fields.mediaRedaction === undefined
      ? '; mediaRedaction is on in the account'
      : fields.autoRedaction === undefined
        ? `; autoRedaction is off ${row ? 'in the account' : 'by default'}`
        : '';
  throw new UsageError(`service "${service.uniqueName}": mediaRedaction needs autoRedaction (${where ?? service.uniqueName})${because}`, {
    hint: 'set autoRedaction: true for this service, or mediaRedaction: false',
  });
}

function serviceStep(service: DesiredService, row: Row | undefined): Step | undefined {
  const fields = service.fields;
  const entries: Array<[string, unknown]> = Object.entries(fields);
  if (!row) assertRedaction(service, row);
  if (!row) {
    const changes = entries.map(([field, to]) => ({ field, from: null, to }));
    return { action: 'create', kind: 'service', name: service.uniqueName, fields: { ...fields, uniqueName: service.uniqueName }, changes };
  }
  const changes = entries
    .filter(([field, to]) => field !== 'uniqueName' && !same(row[field], to))
    .map(([field, to]) => ({ field, from: row[field] ?? null, to }));
  if (changes.some((change) => change.field === 'languageCode')) {
    throw new UsageError(
      `service "${service.uniqueName}": the language code cannot change once it exists (${String(row.languageCode)} → ${String(fields.languageCode)}) (${service.places?.languageCode ?? service.uniqueName})`,
      {
        hint: 'create a service with another uniqueName for the new language',
      },
    );
  }
  assertRedaction(service, row);
  if (!changes.length) return undefined;
  const changed = Object.fromEntries(changes.map((change) => [change.field, change.to])) as ServiceFields;
  return {
    action: 'update',
    kind: 'service',
    name: service.uniqueName,
    sid: row.sid as string,
    version: row.version as number,
    fields: changed,
    changes,
  };
}

/** An operator reference: an operator of the file (existing or to be created), else one in the account's catalogue. */
function resolveReference(
  ref: { ref: string; where: string },
  desired: DesiredState,
  current: CurrentState,
): { name: string; sid?: string } {
  if (isSid(ref.ref, 'LY')) {
    const row = current.catalogue.find((operator) => operator.sid === ref.ref);
    if (!row) throw new UsageError(`${ref.where}: no operator ${ref.ref} in this account`, { hint: 'see `ci operators list`' });
    return { name: row.friendlyName as string, sid: row.sid as string };
  }
  const ours = desired.operators.find((operator) => operator.friendlyName.toLowerCase() === ref.ref.toLowerCase());
  const candidates = byName(current.catalogue, 'friendlyName', ref.ref).filter((row) => !ours || current.customSids.has(row.sid as string));
  const [candidate, ...others] = candidates;
  if (others.length > 0) {
    throw new UsageError(
      `${ref.where}: operator name "${ref.ref}" matches ${candidates.length} operators (${candidates.map((row) => row.sid).join(', ')})`,
      { hint: 'give the SID instead' },
    );
  }
  if (candidate) return { name: candidate.friendlyName as string, sid: candidate.sid as string };
  if (ours) return { name: ours.friendlyName };
  throw new UsageError(`${ref.where}: no operator named "${ref.ref}" in the file or the account`, { hint: 'see `ci operators list`' });
}

function attachmentSteps(
  service: DesiredService,
  serviceSid: string | undefined,
  desired: DesiredState,
  current: CurrentState,
  prune: boolean,
): Step[] {
  if (!service.operators) return [];
  const attached = serviceSid ? (current.attachments.get(serviceSid) ?? []) : [];
  const wanted = service.operators.map((ref) => resolveReference(ref, desired, current));
  const steps: Step[] = wanted
    .filter((operator) => !operator.sid || !attached.includes(operator.sid))
    .map((operator) => ({
      action: 'attach',
      kind: 'attachment',
      name: `${service.uniqueName} ← ${operator.name}`,
      service: service.uniqueName,
      operator: operator.name,
      operatorSid: operator.sid,
    }));
  if (prune) {
    for (const sid of attached.filter((sid) => !wanted.some((operator) => operator.sid === sid))) {
      const name = (current.catalogue.find((operator) => operator.sid === sid)?.friendlyName as string | undefined) ?? sid;
      steps.push({
        action: 'detach',
        kind: 'attachment',
        name: `${service.uniqueName} ← ${name}`,
        service: service.uniqueName,
        operator: name,
        operatorSid: sid,
      });
    }
  }
  return steps;
}

/** Dependency order: what is used before what uses it; deletes after, users before what they used. */
const ORDER: Array<[Step['action'], Step['kind']]> = [
  ['create', 'operator'],
  ['update', 'operator'],
  ['create', 'service'],
  ['update', 'service'],
  ['attach', 'attachment'],
  ['detach', 'attachment'],
  ['create', 'v3-operator'],
  ['update', 'v3-operator'],
  ['create', 'configuration'],
  ['update', 'configuration'],
  ['create', 'conversation-configuration'],
  ['update', 'conversation-configuration'],
  ['delete', 'conversation-configuration'],
  ['delete', 'configuration'],
  ['delete', 'v3-operator'],
  ['delete', 'service'],
  ['delete', 'operator'],
];

/** The steps that make the account match the file, in dependency order; [] when it already does. */
export function computePlan(desired: DesiredState, current: CurrentState, options: PlanOptions = {}): Step[] {
  const steps: Step[] = [];
  for (const definition of desired.operators) {
    const step = operatorStep(definition, current, options);
    if (step) steps.push(step);
  }
  for (const service of desired.services) {
    const row = current.services.find((candidate) => candidate.uniqueName === service.uniqueName);
    const step = serviceStep(service, row);
    if (step) steps.push(step);
    steps.push(...attachmentSteps(service, row?.sid as string | undefined, desired, current, Boolean(options.prune)));
  }
  if (options.prune && desired.sections.services) {
    for (const row of current.services.filter((service) => !desired.services.some((wanted) => wanted.uniqueName === service.uniqueName))) {
      steps.push({ action: 'delete', kind: 'service', name: row.uniqueName as string, sid: row.sid as string });
    }
  }
  if (options.prune && desired.sections.operators) {
    // An item with a SID keeps that operator only, not its namesakes.
    const kept = (row: Row) =>
      desired.operators.some((wanted) =>
        wanted.sid === undefined ? wanted.friendlyName.toLowerCase() === String(row.friendlyName).toLowerCase() : wanted.sid === row.sid,
      );
    // Only operators a file can describe: other custom types are never deleted by an apply.
    const managed = (row: Row) => current.customSids.has(row.sid as string) && GENERATIVE_TYPES.has(row.operatorType as string);
    for (const row of current.catalogue.filter((operator) => managed(operator) && !kept(operator))) {
      steps.push({ action: 'delete', kind: 'operator', name: row.friendlyName as string, sid: row.sid as string });
    }
  }
  steps.push(...planV3(desired.v3 ?? NO_V3, current.v3, { prune: options.prune, allowDuplicateName: options.allowDuplicateName, same }));
  const rank = (step: Step) => ORDER.findIndex(([action, kind]) => action === step.action && kind === step.kind);
  return steps
    .map((step, index) => ({ step, index }))
    .sort((a, b) => rank(a.step) - rank(b.step) || a.index - b.index)
    .map(({ step }) => step);
}
