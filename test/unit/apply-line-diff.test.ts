import { describe, expect, it } from 'vitest';
import { lineDiff, type DiffLine } from '../../src/lib/apply/line-diff.js';
import type { Step } from '../../src/lib/apply/plan.js';
import { stepText } from '../../src/lib/apply/report.js';
import { makeStyle } from '../../src/lib/output/style.js';

const show = (lines: DiffLine[]) =>
  lines.map((line) => (line.kind === 'skipped' ? `… ${line.count}` : `${{ same: ' ', removed: '-', added: '+' }[line.kind]}${line.text}`));
const numbered = (count: number) => Array.from({ length: count }, (_, index) => `line ${index + 1}`);

describe('lineDiff', () => {
  it('is empty for equal texts', () => {
    expect(lineDiff('a\nb', 'a\nb')).toEqual([]);
  });

  it('shows a changed line with its context, trimming the unchanged rest', () => {
    const from = numbered(20);
    const to = [...from];
    to[9] = 'line ten';
    expect(show(lineDiff(from.join('\n'), to.join('\n'), 2))).toEqual([
      '… 7',
      ' line 8',
      ' line 9',
      '-line 10',
      '+line ten',
      ' line 11',
      ' line 12',
      '… 8',
    ]);
  });

  it('aligns insertions and deletions rather than rewriting everything after them', () => {
    expect(show(lineDiff('a\nb\nc\nd', 'a\nc\nd\ne', 1))).toEqual([' a', '-b', ' c', ' d', '+e']);
  });

  it('keeps two distant changes apart, with the gap between them folded', () => {
    const from = numbered(30);
    const to = from.map((line, index) => (index === 2 || index === 25 ? `${line}!` : line));
    const lines = show(lineDiff(from.join('\n'), to.join('\n'), 1));
    expect(lines).toContain('… 20');
    expect(lines.filter((line) => line.startsWith('-'))).toEqual(['-line 3', '-line 26']);
  });

  it('shows a line that differs only by its line ending as changed', () => {
    expect(show(lineDiff('a\r\nb', 'a\nb'))).toEqual(['-a\r', '+a', ' b']);
  });
});

describe('a plan step with a changed long value', () => {
  const style = makeStyle(false, false);
  const update = (from: unknown, to: unknown): Step => ({
    action: 'update',
    kind: 'operator',
    name: 'feedback',
    sid: `LY${'0'.repeat(32)}`,
    version: 1,
    definition: { friendlyName: 'feedback', prompt: '', examples: [] },
    changes: [{ field: 'prompt', from, to }],
  });

  it('shows a multi-line prompt as a line diff, not two truncated strings', () => {
    const prompt = numbered(12).join('\n');
    const text = stepText(update(prompt, prompt.replace('line 6', 'line six')), style);
    expect(text.split('\n')).toEqual([
      `~ update operator feedback (LY${'0'.repeat(32)}, version 1)`,
      '    prompt:',
      '        … 2 unchanged lines',
      '        line 3',
      '        line 4',
      '        line 5',
      '      - line 6',
      '      + line six',
      '        line 7',
      '        line 8',
      '        line 9',
      '        … 3 unchanged lines',
    ]);
  });

  it('shows a schema as indented JSON with sorted keys, diffed by line', () => {
    const text = stepText(
      update(
        { type: 'object', properties: { b: { type: 'string' }, a: { type: 'string' } } },
        { type: 'object', properties: { a: { type: 'string' }, b: { type: 'number' } } },
      ),
      style,
    );
    expect(text).toContain('      -       "type": "string"');
    expect(text).toContain('      +       "type": "number"');
    expect(text).not.toContain('→');
  });

  it('keeps a short one-line change on one line', () => {
    expect(stepText(update('Classify.', 'Summarise.'), style)).toContain('    prompt: "Classify." → "Summarise."');
  });

  it('never lets control characters from the values reach the terminal', () => {
    const hostile = 'line 1\n\u001b]52;c;ZXZpbA==\u0007 \u001b[2J\u009b31m\nline 3';
    const text = stepText(update(`line 1\nline 2\nline 3\n${'x'.repeat(80)}`, hostile), makeStyle(true, true));
    // Only ci's own colours (SGR) may remain: no OSC, no clear-screen, no C1 CSI, no BEL.
    const withoutColours = text.replace(/\u001b\[[0-9;]*m/g, '');
    expect(withoutColours).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(withoutColours).toContain('+ ^[]52;c;ZXZpbA==^G ^[[2J^[[31m');
  });
});
