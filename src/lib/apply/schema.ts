// The configuration file checked against its JSON Schema (config-schema.ts), by the validator compiled from it
// ahead of time, its errors turned into problems with paths, so the file can report them with line and column.
import type { ErrorObject } from 'ajv';
import { validateConfig } from './config-validator.generated.js';
import type { PathSegment, Problem } from './source.js';

const segmentsOf = (pointer: string): PathSegment[] =>
  pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));

function problemOf(error: ErrorObject): Problem {
  const path = segmentsOf(error.instancePath);
  switch (error.keyword) {
    case 'additionalProperties': {
      const known = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const key = String(error.params.additionalProperty);
      return { path: [...path, key], key: true, message: `unknown key "${key}" (known: ${known.join(', ')})` };
    }
    case 'required':
      return { path, message: `missing key "${String(error.params.missingProperty)}"` };
    case 'enum':
      return { path, message: `must be one of ${(error.params.allowedValues as string[]).join(', ')}` };
    case 'minLength':
      return { path, message: 'must not be empty' };
    default:
      return { path, message: `${path.length ? String(path.at(-1)) : 'the file'} ${error.message ?? 'is invalid'}` };
  }
}

/** Problems of the parsed file against CONFIG_SCHEMA; [] when it conforms. */
export function schemaProblems(value: unknown): Problem[] {
  if (validateConfig(value)) return [];
  const seen = new Set<string>();
  return (validateConfig.errors ?? []).map(problemOf).filter((problem) => {
    const id = `${problem.path.join('/')}:${problem.message}`;
    return seen.has(id) ? false : (seen.add(id), true);
  });
}
