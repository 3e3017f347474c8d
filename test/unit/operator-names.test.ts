import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/lib/errors.js';
import { assertNameFree, findByName } from '../../src/lib/operator-names.js';

const operators = [
  { id: 'LY1', name: 'Feedback' },
  { id: 'LY2', name: 'feedback' },
  { id: 'LY3', name: 'Summary' },
];

describe('operator names', () => {
  it('finds namesakes ignoring case (v2), or exactly (v3)', () => {
    expect(findByName(operators, 'FEEDBACK').map((operator) => operator.id)).toEqual(['LY1', 'LY2']);
    expect(findByName(operators, 'feedback', { exact: true }).map((operator) => operator.id)).toEqual(['LY2']);
    expect(findByName(operators, 'Other')).toEqual([]);
  });

  it('refuses a taken name naming every ID that has it, with the way out', () => {
    expect(() => assertNameFree(operators, 'Feedback', { where: 'f.yaml:3:5' })).toThrow(
      'f.yaml:3:5: an operator named "Feedback" already exists (operators LY1, LY2 have it)',
    );
    expect(() => assertNameFree(operators, 'Summary')).toThrow('(operator LY3 has it)');
    const error = (() => {
      try {
        assertNameFree(operators, 'Summary');
      } catch (thrown) {
        return thrown;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(UsageError);
    expect(error instanceof UsageError ? error.hint : '').toContain('--allow-duplicate-name');
  });

  it('lets a free name or an allowed duplicate through', () => {
    expect(() => assertNameFree(operators, 'New')).not.toThrow();
    expect(() => assertNameFree(operators, 'Summary', { allowDuplicate: true })).not.toThrow();
  });
});
