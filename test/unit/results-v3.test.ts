import { describe, expect, it } from 'vitest';
import { makeStyle } from '../../src/lib/output/style.js';
import { renderConversationResults, renderResult, type OperatorResult } from '../../src/lib/results-v3.js';

const result = (outputFormat: string, value: Record<string, unknown>): OperatorResult => ({
  id: 'intelligence_operatorresult_01aaaaaaaaaaaaaaaaaaaaaaaa',
  outputFormat,
  operator: { id: 'intelligence_operator_01aaaaaaaaaaaaaaaaaaaaaaaa', version: 2 },
  result: value,
});
const plain = makeStyle(false, false, 60);

describe('v3 results by output format', () => {
  it('renders TEXT wrapped, CLASSIFICATION as its label, JSON as key: value, EXTRACTION as a label/text table', () => {
    expect(renderResult(result('TEXT', { text: 'a '.repeat(40).trim() }), 'Summary', plain).split('\n')).toHaveLength(3);
    expect(renderResult(result('CLASSIFICATION', { label: 'POSITIVE' }), 'Sentiment', plain)).toBe(
      'Sentiment@2 (CLASSIFICATION)\n  POSITIVE',
    );
    expect(renderResult(result('JSON', { category: 'pricing', tags: ['a', 'b'] }), 'Category', plain)).toBe(
      'Category@2 (JSON)\n  category: pricing\n  tags: ["a","b"]',
    );
    const extraction = renderResult(
      result('EXTRACTION', {
        entities: [
          { label: 'PERSON', text: 'Ana' },
          { label: 'CITY', text: 'Lisbon' },
        ],
      }),
      'People',
      plain,
    );
    expect(extraction).toMatch(/^People@2 \(EXTRACTION\)\n {2}LABEL\s+TEXT\n {2}PERSON\s+Ana\n {2}CITY\s+Lisbon$/);
    expect(renderResult(result('EXTRACTION', { entities: [] }), 'People', plain)).toContain('no entities found');
  });

  it('makes control characters from the API inert, and names unknown operators by ID', () => {
    const rendered = renderConversationResults(
      'conv_conversation_01aaaaaaaaaaaaaaaaaaaaaaaa',
      [result('TEXT', { text: 'evil \u001b]52;c;aGk=\u0007 text' })],
      new Map(),
      plain,
    );
    expect(rendered).not.toContain('\u001b');
    expect(rendered).toContain('intelligence_operator_01aaaaaaaaaaaaaaaaaaaaaaaa@2 (TEXT)');
    expect(rendered).toContain('(v3, 1 operator result)');
  });
});
