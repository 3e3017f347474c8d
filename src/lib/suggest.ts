// "Did you mean …": the known names closest to a mistyped one, as commander suggests commands.

/** Edits (insert, delete, substitute) between two strings, by code point. */
function editDistance(a: string, b: string): number {
  const left = [...a];
  const right = [...b];
  let previous = Array.from({ length: right.length + 1 }, (_, j) => j);
  for (const [i, char] of left.entries()) {
    const current = [i + 1];
    for (const [j, other] of right.entries()) {
      current.push(Math.min((previous[j + 1] ?? 0) + 1, (current[j] ?? 0) + 1, (previous[j] ?? 0) + (char === other ? 0 : 1)));
    }
    previous = current;
  }
  return previous[right.length] ?? 0;
}

/**
 * Up to `max` known names that the typed one is probably a typo of (case ignored): few edits for its
 * length, or one contains the other. Closest first; none when nothing is close.
 */
export function closestNames(typed: string, known: Iterable<string>, max = 3): string[] {
  const wanted = typed.toLowerCase();
  const allowed = Math.max(2, Math.floor(wanted.length / 3));
  const scored = new Map<string, number>();
  for (const name of known) {
    const candidate = name.toLowerCase();
    const contains = Math.min(wanted.length, candidate.length) >= 3 && (candidate.includes(wanted) || wanted.includes(candidate));
    const distance = contains ? 0 : editDistance(wanted, candidate);
    if (distance <= allowed && !scored.has(name)) scored.set(name, distance);
  }
  return [...scored.entries()]
    .sort(([, a], [, b]) => a - b)
    .slice(0, max)
    .map(([name]) => name);
}
