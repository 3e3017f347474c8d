// A changed long or multi-line value (a prompt, a schema) as a line diff: removed and added lines with a
// few unchanged lines of context around each change, the rest folded into "… N unchanged lines". Pure.

export type DiffLine = { kind: 'same' | 'removed' | 'added'; text: string } | { kind: 'skipped'; count: number };

/** Beyond this many cells in the middle part, the diff gives up on alignment: all removed, then all added. */
const MAX_TABLE = 4_000_000;

// Split on LF only: a line that differs by a CR alone is a change, shown (sanitised) as ^M.
const splitLines = (text: string): string[] => text.split('\n');

/** The edit script between two line lists (longest common subsequence), as same/removed/added lines. */
function align(from: readonly string[], to: readonly string[]): Array<{ kind: 'same' | 'removed' | 'added'; text: string }> {
  let start = 0;
  while (start < from.length && start < to.length && from[start] === to[start]) start++;
  let endFrom = from.length;
  let endTo = to.length;
  while (endFrom > start && endTo > start && from[endFrom - 1] === to[endTo - 1]) {
    endFrom--;
    endTo--;
  }
  const same = (lines: readonly string[]) => lines.map((text) => ({ kind: 'same' as const, text }));
  const a = from.slice(start, endFrom);
  const b = to.slice(start, endTo);
  const middle: Array<{ kind: 'same' | 'removed' | 'added'; text: string }> = [];
  if (a.length * b.length > MAX_TABLE) {
    middle.push(...a.map((text) => ({ kind: 'removed' as const, text })), ...b.map((text) => ({ kind: 'added' as const, text })));
  } else {
    // lengths[i][j]: the longest common subsequence of a[i…] and b[j…], one flat row-major table.
    const width = b.length + 1;
    const lengths = new Uint32Array((a.length + 1) * width);
    const at = (i: number, j: number) => lengths[i * width + j] ?? 0;
    for (let i = a.length - 1; i >= 0; i--)
      for (let j = b.length - 1; j >= 0; j--)
        lengths[i * width + j] = a[i] === b[j] ? at(i + 1, j + 1) + 1 : Math.max(at(i + 1, j), at(i, j + 1));
    let i = 0;
    let j = 0;
    while (i < a.length || j < b.length) {
      const left = a[i];
      const right = b[j];
      if (left !== undefined && right !== undefined && left === right) {
        middle.push({ kind: 'same', text: left });
        i++;
        j++;
      } else if (left !== undefined && (right === undefined || at(i + 1, j) >= at(i, j + 1))) {
        middle.push({ kind: 'removed', text: left });
        i++;
      } else if (right !== undefined) {
        middle.push({ kind: 'added', text: right });
        j++;
      }
    }
  }
  return [...same(from.slice(0, start)), ...middle, ...same(from.slice(endFrom))];
}

/**
 * The lines that changed from `from` to `to`, each with up to `context` unchanged lines before and after;
 * longer unchanged runs are one `skipped` entry. [] when the texts are equal.
 */
export function lineDiff(from: string, to: string, context = 3): DiffLine[] {
  if (from === to) return [];
  const script = align(splitLines(from), splitLines(to));
  const near = script.map(() => false);
  script.forEach((line, index) => {
    if (line.kind === 'same') return;
    for (let k = Math.max(0, index - context); k <= Math.min(script.length - 1, index + context); k++) near[k] = true;
  });
  const out: DiffLine[] = [];
  script.forEach((line, index) => {
    if (near[index]) out.push(line);
    else {
      const last = out.at(-1);
      if (last?.kind === 'skipped') last.count++;
      else out.push({ kind: 'skipped', count: 1 });
    }
  });
  return out;
}
