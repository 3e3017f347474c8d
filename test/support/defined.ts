import { expect } from 'vitest';

/** A value the test needs to go on: a failed expectation when it is missing, else the value, narrowed. */
export function defined<T>(value: T | undefined): T {
  expect(value).toBeDefined();
  if (value === undefined) throw new Error('expected a value, got undefined');
  return value;
}
