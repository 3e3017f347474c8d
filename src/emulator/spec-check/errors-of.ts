import type { ValidateFunction } from 'ajv';

/** ajv's errors for `value`, each as "<where><instance path> <message>". */
export function errorsOf(validate: ValidateFunction, value: unknown, where: string): string[] {
  if (validate(value)) return [];
  return (validate.errors ?? []).map((error) => `${where}${error.instancePath} ${error.message}`);
}
