import { UsageError } from '../../lib/errors.js';
import type { OptionsOf } from '../spec.js';
import type { resultsCommand } from './specs.js';

export type ResultsOptions = OptionsOf<typeof resultsCommand>;

/** Flags one use of `ci results` takes are refused by the others, never ignored. */
export function refuseFlags(options: ResultsOptions, keys: readonly (keyof ResultsOptions)[], what: string): void {
  const given = keys.filter((key) => options[key] !== undefined);
  if (given.length === 0) return;
  const names = given.map((key) => `--${String(key).replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`);
  throw new UsageError(`${names.join(', ')} ${names.length > 1 ? 'are' : 'is'} not for ${what}`, {
    hint: 'see `ci results --help` and README, "Two generations"',
  });
}
