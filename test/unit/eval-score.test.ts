import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/lib/errors.js';
import { gateFailure } from '../../src/lib/eval/gate.js';
import { parseConversationText } from '../../src/lib/eval/conversation-text.js';
import { checkExpectedFits, readLabelledSet, type SetLine } from '../../src/lib/eval/labelled-set.js';
import { buildReport, renderReport } from '../../src/lib/eval/report.js';
import { disagreements, fieldLabels, percentile95, sameJson, scoreVersion } from '../../src/lib/eval/score.js';
import type { ExampleOutcome, OperatorUnderTest } from '../../src/lib/eval/types.js';
import { makeStyle } from '../../src/lib/output/style.js';

const lines = (...texts: string[]): SetLine[] => texts.map((text, index) => ({ number: index + 1, text }));
const noFiles = (file: string) => Promise.reject(new Error(`conversation file ${file}: no such file`));

describe('the labelled set', () => {
  it('reads text and files, naming examples by id or line', async () => {
    const set = await readLabelledSet(
      'set.jsonl',
      lines(
        '{"conversation": "Customer: How much?", "expected": {"category": "pricing"}}',
        '',
        '{"id": "login", "conversation": {"file": "login.txt"}, "expected": "NEGATIVE"}',
      ),
      (file) => Promise.resolve(`Customer: read from ${file}`),
    );
    expect(set).toEqual([
      {
        line: 1,
        id: 'line 1',
        conversation: 'Customer: How much?',
        turns: [{ participant: 'Customer', text: 'How much?' }],
        expected: { category: 'pricing' },
      },
      {
        line: 3,
        id: 'login',
        conversation: 'Customer: read from login.txt',
        turns: [{ participant: 'Customer', text: 'read from login.txt' }],
        expected: 'NEGATIVE',
      },
    ]);
  });

  it('reports every bad line with its number, and reads nothing more', async () => {
    const reading = readLabelledSet(
      'set.jsonl',
      lines(
        '{"conversation": "Customer: hi", "expected": "X"}',
        '{not json',
        '{"conversation": "Customer: hi"}',
        '{"conversation": {"file": "gone.txt"}, "expected": "X"}',
        '{"conversation": "Customer: hi", "expected": 3}',
        '[1]',
        '{"conversation": "Customer: hi", "expect": "X"}',
      ),
      noFiles,
    );
    await expect(reading).rejects.toThrow(UsageError);
    await expect(reading).rejects.toThrow(
      /^set\.jsonl: 6 bad lines, nothing was sent: line 2: not JSON \(.*\); line 3: no "expected"; line 4: conversation file gone\.txt: no such file; line 5: "expected" must be .*; line 6: not a JSON object; and 1 more$/,
    );
  });

  it('reads speaker lines and JSON lines, and names the line of a bad one', async () => {
    expect(parseConversationText('Agent: Hello\n  how can I help?\n\nCustomer: Hi')).toEqual({
      turns: [
        { participant: 'Agent', text: 'Hello how can I help?' },
        { participant: 'Customer', text: 'Hi' },
      ],
    });
    expect(parseConversationText('{"participant": "Customer", "text": "Hi", "at": "2026-01-10T10:00:00Z"}')).toEqual({
      turns: [{ participant: 'Customer', text: 'Hi', at: '2026-01-10T10:00:00.000Z' }],
    });
    expect(parseConversationText('\nno speaker here')).toEqual({
      problem: 'conversation line 2 names no speaker ("Agent: …", "Customer: …")',
    });
    expect(parseConversationText('{"participant": "A", "text": "x"}\n{"text": "y"}')).toEqual({
      problem: 'conversation line 2 has no "participant"',
    });
    const set = readLabelledSet('s', lines('{"conversation": "hello", "expected": "X"}'), noFiles);
    await expect(set).rejects.toThrow('s: 1 bad line, nothing was sent: line 1: conversation line 1 names no speaker');
  });

  it('refuses an empty set and repeated ids', async () => {
    await expect(readLabelledSet('empty.jsonl', lines('', ' '), noFiles)).rejects.toThrow('empty.jsonl holds no labelled conversations');
    const twice = '{"id": "a", "conversation": "Customer: hi", "expected": "X"}';
    await expect(readLabelledSet('s', lines(twice, twice), noFiles)).rejects.toThrow('s: line 2 repeats the id "a"');
  });

  it('checks expected values against the output format', async () => {
    const set = await readLabelledSet(
      's',
      lines('{"conversation": "A: c", "expected": "X"}', '{"conversation": "A: c", "expected": {}}'),
      noFiles,
    );
    expect(() => checkExpectedFits('s', set, ['JSON'])).toThrow(
      's: "expected" must be a JSON object (the operator gives JSON); it is not on line 1',
    );
    expect(() => checkExpectedFits('s', set, ['CLASSIFICATION'])).toThrow('it is not on line 2');
    expect(() => checkExpectedFits('s', set, ['JSON', 'TEXT'])).toThrow('one output format at a time');
  });
});

const v1: OperatorUnderTest = { id: 'intelligence_operator_01', displayName: 'Feedback', version: 1, outputFormat: 'JSON' };
const v2: OperatorUnderTest = { ...v1, version: 2 };

function outcome(line: number, expected: Record<string, string>, ...outputs: (Record<string, string> | undefined)[]): ExampleOutcome {
  return {
    example: { line, id: `line ${line}`, conversation: 'Customer: c', turns: [{ participant: 'Customer', text: 'c' }], expected },
    outcomes: outputs.map((output, index) =>
      output === undefined
        ? { error: 'no result' }
        : { output, latencyMs: 20 + line + index, inputCharacters: 100, outputCharacters: 10, schemaViolations: [] },
    ),
  };
}

const pricing = { category: 'pricing', emotion: 'neutral' };
const other = { category: 'other', emotion: 'negative' };
const outcomes = [
  outcome(1, pricing, pricing, pricing),
  outcome(2, other, pricing, other),
  outcome(3, other, other, other),
  outcome(4, { category: 'other', emotion: 'neutral' }, other, undefined),
];

describe('scoring', () => {
  it('compares JSON whatever the key order', () => {
    expect(sameJson({ a: 1, b: [1, { c: 2, d: 3 }] }, { b: [1, { d: 3, c: 2 }], a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: '1' })).toBe(false);
  });

  it('gives the 95th percentile by nearest rank', () => {
    expect(percentile95([])).toBeNull();
    expect(percentile95([5])).toBe(5);
    expect(percentile95(Array.from({ length: 20 }, (_, index) => index + 1))).toBe(19);
    expect(percentile95(Array.from({ length: 100 }, (_, index) => 100 - index))).toBe(95);
  });

  it('scores whole objects, fields, labels, latency and characters', () => {
    const score = scoreVersion(v1, 0, outcomes);
    expect(score).toMatchObject({
      operator: 'Feedback',
      version: 1,
      examples: 4,
      correct: 2,
      accuracy: 0.5,
      failed: 0,
      fields: { category: { correct: 3, total: 4, accuracy: 0.75 }, emotion: { correct: 2, total: 4, accuracy: 0.5 } },
      latencyMs: { mean: 22.5, p95: 24 },
      characters: { input: 400, output: 40 },
      schemaViolations: 0,
    });
    expect(score.labels.category).toEqual({
      labels: [
        { label: 'other', precision: 1, recall: 2 / 3, support: 3, predicted: 2 },
        { label: 'pricing', precision: 0.5, recall: 1, support: 1, predicted: 2 },
      ],
      confusion: { pricing: { pricing: 1 }, other: { pricing: 1, other: 2 } },
    });
    const second = scoreVersion(v2, 1, outcomes);
    expect(second).toMatchObject({ correct: 3, accuracy: 0.75, failed: 1, characters: { input: 300 } });
    expect(second.labels.emotion?.confusion.neutral).toEqual({ neutral: 1, '(none)': 1 });
  });

  it('scores a CLASSIFICATION label', () => {
    const labels = fieldLabels([
      ['POSITIVE', 'POSITIVE'],
      ['NEGATIVE', 'POSITIVE'],
    ]);
    expect(labels.labels).toEqual([
      { label: 'NEGATIVE', precision: null, recall: 0, support: 1, predicted: 0 },
      { label: 'POSITIVE', precision: 0.5, recall: 1, support: 1, predicted: 2 },
    ]);
  });

  it('lists where versions disagree, with both outputs and the expected one', () => {
    expect(disagreements([v1], outcomes)).toEqual([]);
    const found = disagreements([v1, v2], outcomes);
    expect(found.map((disagreement) => disagreement.line)).toEqual([2, 4]);
    expect(found[0]).toEqual({
      line: 2,
      id: 'line 2',
      expected: other,
      outputs: [
        { operator: 'Feedback', operatorId: v1.id, version: 1, output: pricing, correct: false },
        { operator: 'Feedback', operatorId: v1.id, version: 2, output: other, correct: true },
      ],
    });
    expect(found[1]?.outputs[1]).toMatchObject({ output: null, correct: false, error: 'no result' });
  });
});

describe('the gate', () => {
  const [first, second] = [scoreVersion(v1, 0, outcomes), scoreVersion(v2, 1, outcomes)];

  it('passes what meets it', () => {
    expect(gateFailure([first, second], { minAccuracy: 0.5, noRegression: true })).toBeUndefined();
    expect(gateFailure([first, second], {})).toBeUndefined();
  });

  it('exits 7 below the minimum accuracy or on a regression', () => {
    const low = gateFailure([first, second], { minAccuracy: 0.6 });
    expect(low?.exitCode).toBe(7);
    expect(low?.message).toBe('the evaluation failed its gate: Feedback@1 scored 0.50 (2/4), below 0.6');
    const regression = gateFailure([second, first], { noRegression: true });
    expect(regression?.exitCode).toBe(7);
    expect(regression?.message).toContain('Feedback@1 scored 0.50 (2/4), lower than Feedback@2 scored 0.75 (3/4): a regression');
  });
});

describe('the report', () => {
  it('has versions, disagreements and examples, and reads as tables', () => {
    const report = buildReport('set.jsonl', [v1, v2], [...outcomes].reverse());
    expect(report.examples.map((example) => example.line)).toEqual([1, 2, 3, 4]);
    expect(report.examples[0]?.results[0]).toEqual({
      operator: 'Feedback',
      operatorId: v1.id,
      version: 1,
      output: pricing,
      correct: true,
      latencyMs: 21,
      inputCharacters: 100,
      outputCharacters: 10,
      schemaViolations: [],
    });
    const text = renderReport(report, makeStyle(false, true, 100));
    expect(text).toContain('Operator eval on set.jsonl: 4 labelled conversations');
    expect(text).toMatch(/Feedback@1 +0\.50 \(2\/4\) +0 +0 +22\.5 \/ 24 ms +400 \/ 40/);
    expect(text).toMatch(/category +0\.75 \(3\/4\) +0\.75 \(3\/4\)/);
    expect(text).toContain('Disagreements: 2 of 4 examples');
    expect(text).toMatch(/EXPECTED \\ GIVEN +other +pricing\nother +2 +1\npricing +0 +1/);
  });
});
