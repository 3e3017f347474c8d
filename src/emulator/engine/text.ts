/** Lower-case word tokens; apostrophes kept so "can't" stays one word. */
export function tokens(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? [];
}

/** Jaccard similarity of the two texts' token sets: 0 (nothing shared) to 1 (same words). */
export function similarity(a: string, b: string): number {
  const left = new Set(tokens(a));
  const right = new Set(tokens(b));
  let shared = 0;
  for (const token of left) if (right.has(token)) shared++;
  const union = left.size + right.size - shared;
  return union === 0 ? 0 : shared / union;
}

/** Scores → probabilities rounded to 4 decimals; the largest absorbs the rounding so they sum to exactly 1. */
export function normalise(scores: Record<string, number>): Record<string, number> {
  const total = Object.values(scores).reduce((sum, value) => sum + value, 0);
  const rounded = Object.entries(scores).map(([label, score]) => [label, round4(score / total)] as [string, number]);
  const [top] = [...rounded].sort((a, b) => b[1] - a[1]);
  const others = rounded.filter((pair) => pair !== top).reduce((sum, [, value]) => sum + value, 0);
  if (top) top[1] = round4(1 - others);
  return Object.fromEntries(rounded);
}

function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
