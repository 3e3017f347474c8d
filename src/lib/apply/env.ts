// ${VAR} in string values: per-account values (webhook URLs) come from the environment.
// $${VAR} stays literal. An unset variable is an error naming it, never an empty string.
import type { Env } from '../context.js';
import type { PathSegment, Problem } from './source.js';

const REFERENCE = /\$(\$?)\{([^}]*)\}/g;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function expandVariables(value: unknown, env: Env, problems: Problem[], path: PathSegment[] = []): unknown {
  if (typeof value === 'string') {
    return value.replace(REFERENCE, (whole, escaped: string, name: string) => {
      if (escaped) return whole.slice(1);
      if (!NAME.test(name)) {
        problems.push({ path, message: `"\${${name}}" is not a valid variable reference (use \${NAME}, or $\${…} for a literal)` });
        return whole;
      }
      const replacement = env[name];
      if (replacement === undefined) {
        problems.push({ path, message: `environment variable ${name} is not set (referenced as \${${name}})` });
        return whole;
      }
      return replacement;
    });
  }
  if (Array.isArray(value)) return value.map((item, index) => expandVariables(item, env, problems, [...path, index]));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, expandVariables(item, env, problems, [...path, key])]));
  }
  return value;
}
