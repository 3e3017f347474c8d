import { badRequest } from './errors.js';

/** Query or form parameters; a key sent more than once becomes an array. */
export type ParamMap = Record<string, string | string[]>;

export function toParamMap(search: URLSearchParams): ParamMap {
  const map: ParamMap = {};
  for (const [key, value] of search) {
    const existing = map[key];
    if (existing === undefined) map[key] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else map[key] = [existing, value];
  }
  return map;
}

/** A single-valued parameter; repeating it is a client error rather than a silent pick. */
export function optionalString(params: ParamMap, name: string): string | undefined {
  const value = params[name];
  if (Array.isArray(value)) throw badRequest(`${name} must be given at most once`);
  return value;
}

export function requiredString(params: ParamMap, name: string): string {
  const value = optionalString(params, name);
  if (value === undefined || value === '') throw badRequest(`Missing required parameter ${name} in the post body`);
  return value;
}

/** The SDK serializes booleans as 'true'/'false'; anything else is rejected, not guessed. */
export function optionalBoolean(params: ParamMap, name: string): boolean | undefined {
  const value = optionalString(params, name);
  if (value === undefined) return undefined;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw badRequest(`Invalid value '${value}' for ${name}: expected true or false`);
}

export function optionalInteger(params: ParamMap, name: string, min: number, max: number): number | undefined {
  const value = optionalString(params, name);
  if (value === undefined) return undefined;
  const number = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(number >= min && number <= max)) {
    throw badRequest(`Invalid value '${value}' for ${name}: expected an integer from ${min} to ${max}`);
  }
  return number;
}
