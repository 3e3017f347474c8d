// Operator names stay unique where ci resolves by name: the one check that `ci operators create`,
// `ci setup` and `ci apply` share. Works for both generations: callers map their rows to {id, name}
// (v2: sid and friendlyName, compared case-insensitively as v2 lookups are; v3: id and displayName, exact).
import { UsageError } from './errors.js';

export interface NamedOperator {
  /** LY… SID or intelligence_operator_… ID. */
  id: string;
  name: string;
}

export interface NameOptions {
  /** Compare names exactly (v3) rather than ignoring case (v2). */
  exact?: boolean;
}

const sameName = (a: string, b: string, exact = false) => (exact ? a === b : a.toLowerCase() === b.toLowerCase());

/** Every operator with this name (none, one, or the namesakes someone made outside ci). */
export function findByName<T extends NamedOperator>(operators: readonly T[], name: string, options: NameOptions = {}): T[] {
  return operators.filter((operator) => sameName(operator.name, name, options.exact));
}

/** "LYa, LYb": the IDs that share a name, for messages. */
export function namesakeIds(operators: readonly NamedOperator[]): string {
  return operators.map((operator) => operator.id).join(', ');
}

export interface NameFreeOptions extends NameOptions {
  /** Create it anyway (the user asked for a second operator of that name). */
  allowDuplicate?: boolean;
  /** Where the name comes from, as a prefix of the message ("intelligence.yaml:4:5"). */
  where?: string;
}

/**
 * Refuses (exit 2) a new operator whose name an existing one already has, naming the IDs that have it,
 * unless a duplicate is allowed: a second operator of the same name breaks every later lookup by name.
 */
export function assertNameFree(existing: readonly NamedOperator[], name: string, options: NameFreeOptions = {}): void {
  if (options.allowDuplicate) return;
  const namesakes = findByName(existing, name, options);
  if (!namesakes.length) return;
  const prefix = options.where ? `${options.where}: ` : '';
  const owners = namesakes.length === 1 ? `operator ${namesakeIds(namesakes)} has it` : `operators ${namesakeIds(namesakes)} have it`;
  throw new UsageError(`${prefix}an operator named "${name}" already exists (${owners})`, {
    hint: 'choose another name, or pass --allow-duplicate-name to create a second one anyway',
  });
}
