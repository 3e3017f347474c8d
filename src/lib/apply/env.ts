// ${VAR} in string values: per-account values (webhook URLs) come from the environment.
// $${VAR} stays literal. An unset variable is an error naming it, never an empty string. A file
// must not be able to read secrets out of the environment (into a diff, or into a webhook URL
// sent anywhere): the credentials ci uses and anything named like a secret are refused unless
// allowed by name.
import type { Env } from '../context.js';
import type { PathSegment, Problem } from './source.js';

const REFERENCE = /\$(\$?)\{([^}]*)\}/g;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The credentials ci itself reads. */
export const CREDENTIAL_VARIABLES: ReadonlySet<string> = new Set([
  'TWILIO_AUTH_TOKEN',
  'TWILIO_API_SECRET',
  'TWILIO_API_KEY',
  'TWILIO_ACCOUNT_SID',
]);
/** Name parts that say "secret": anywhere in a part (AUTHTOKEN), or as a whole part (DB_KEY, not MONKEY). */
const SECRET_SUBSTRINGS = /SECRET|TOKEN|PASSWORD|PASSWD|PASSPHRASE|CREDENTIAL|APIKEY|PRIVATE/;
const SECRET_PARTS = new Set(['KEY', 'KEYS', 'PWD', 'PASS', 'AUTH', 'COOKIE', 'SESSION']);

/** Why a variable is not expanded without being allowed, or undefined when it may be. */
export function secretReason(name: string): string | undefined {
  if (CREDENTIAL_VARIABLES.has(name)) return 'holds the credentials ci uses';
  const upper = name.toUpperCase();
  if (SECRET_SUBSTRINGS.test(upper) || upper.split(/_+/).some((part) => SECRET_PARTS.has(part))) return 'is named like a secret';
  return undefined;
}

/** Variables expanded although their names say secret (given one by one). */
export type ExpansionPolicy = ReadonlySet<string>;

export function expandVariables(value: unknown, env: Env, problems: Problem[], policy: ExpansionPolicy, path: PathSegment[] = []): unknown {
  if (typeof value === 'string') {
    return value.replace(REFERENCE, (whole, escaped: string, name: string) => {
      if (escaped) return whole.slice(1);
      if (!NAME.test(name)) {
        problems.push({ path, message: `"\${${name}}" is not a valid variable reference (use \${NAME}, or $\${…} for a literal)` });
        return whole;
      }
      const secret = policy.has(name) ? undefined : secretReason(name);
      if (secret) {
        problems.push({ path, message: `\${${name}} is not expanded: ${name} ${secret}`, allow: { env: name } });
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
  if (Array.isArray(value)) return value.map((item, index) => expandVariables(item, env, problems, policy, [...path, index]));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, expandVariables(item, env, problems, policy, [...path, key])]),
    );
  }
  return value;
}
