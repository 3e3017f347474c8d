// Language Operators as stored: one record per operator holding every version (each update adds one).
import type { Collection, Store } from '../../store.js';
import type { JsonObject } from '../body.js';
import type { Author, OperatorDefinition, VersionStatus } from './definitions.js';
import { TWILIO_OPERATORS } from './twilio-authored.js';

export * from './definitions.js';

export interface OperatorVersionRecord {
  version: number;
  status: VersionStatus;
  dateCreated: string;
  dateDeprecated?: string;
  retirementDate?: string;
  dateRetired?: string;
  definition: OperatorDefinition;
}

/** `sid` is the store's key: here the operator's TTID. Versions ascend; the last is the current one. */
export interface OperatorRecord {
  sid: string;
  accountSid: string;
  author: Author;
  versions: OperatorVersionRecord[];
}

const COLLECTION = 'v3.operators';

/** The account's operators, Twilio-authored ones included (see addTwilioOperators). */
export function operatorCollection(store: Store): Collection<OperatorRecord> {
  return store.collection<OperatorRecord>(COLLECTION);
}

/**
 * Twilio's own operators, added at start-up inside a commit (so they persist with the rest, and no GET
 * ever writes); a state file that already has them is left as it is.
 */
export function addTwilioOperators(store: Store, accountSid: string): void {
  const operators = store.collection<OperatorRecord>(COLLECTION);
  for (const operator of TWILIO_OPERATORS) {
    if (!operators.get(operator.id)) {
      operators.insert({
        sid: operator.id,
        accountSid,
        author: 'TWILIO',
        versions: [newVersion(1, operator.definition, operator.createdAt)],
      });
    }
  }
}

export function newVersion(version: number, definition: OperatorDefinition, now: string): OperatorVersionRecord {
  return { version, status: 'ACTIVE', dateCreated: now, definition };
}

export function currentVersion(operator: OperatorRecord): OperatorVersionRecord {
  const latest = operator.versions[operator.versions.length - 1];
  // Create makes version 1 and nothing removes versions.
  if (!latest) throw new Error(`operator ${operator.sid} has no version`);
  return latest;
}

export function findVersion(operator: OperatorRecord, version: number): OperatorVersionRecord | undefined {
  return operator.versions.find((candidate) => candidate.version === version);
}

/**
 * The version a rule runs: the pinned one, else the latest ACTIVE version, else (none ACTIVE) the latest
 * DEPRECATED one, which still runs with a warning. PREVIEW versions are only run when pinned.
 */
export function versionToRun(operator: OperatorRecord, pinned?: number): OperatorVersionRecord | undefined {
  if (pinned !== undefined) return findVersion(operator, pinned);
  const newestFirst = [...operator.versions].reverse();
  return (
    newestFirst.find((candidate) => candidate.status === 'ACTIVE') ?? newestFirst.find((candidate) => candidate.status === 'DEPRECATED')
  );
}

/** The wire form of an operator at one version; Twilio-authored ones hide their prompt and training examples. */
export function renderOperator(operator: OperatorRecord, version: OperatorVersionRecord = currentVersion(operator)): JsonObject {
  const { definition } = version;
  const body: JsonObject = {
    id: operator.sid,
    displayName: definition.displayName,
    ...(definition.description === undefined ? {} : { description: definition.description }),
    version: version.version,
    author: operator.author,
    outputFormat: definition.outputFormat,
    ...(definition.outputSchema === undefined ? {} : { outputSchema: definition.outputSchema }),
    context: definition.context,
    parameters: definition.parameters,
  };
  if (operator.author === 'SELF') Object.assign(body, { prompt: definition.prompt, trainingExamples: definition.trainingExamples });
  return body;
}

export function renderVersion(operator: OperatorRecord, version: OperatorVersionRecord): JsonObject {
  return { ...renderOperator(operator, version), ...versionStatus(version) };
}

/** A versions-list item: number, lifecycle status and its dates. */
export function versionStatus(version: OperatorVersionRecord): JsonObject {
  const { version: number, status, dateCreated, dateDeprecated, retirementDate, dateRetired } = version;
  return Object.fromEntries(
    Object.entries({ version: number, status, dateCreated, dateDeprecated, retirementDate, dateRetired }).filter(
      ([, value]) => value !== undefined,
    ),
  );
}
