// The gate a pipeline sets on an evaluation: a minimum whole-output accuracy for every version, and no
// regression of the second version given against the first. Falling short is exit 7 (ExitCode.gate).
import { GateError } from '../errors.js';
import type { VersionScore } from './score.js';

export interface Gate {
  /** Every version must score at least this (0–1). */
  minAccuracy?: number;
  /** The second version must not score lower than the first. */
  noRegression?: boolean;
}

const described = (version: VersionScore) =>
  `${version.operator}@${version.version} scored ${version.accuracy.toFixed(2)} (${version.correct}/${version.examples})`;

/** What the scores fall short of, or undefined when they pass. */
export function gateFailure(versions: readonly VersionScore[], gate: Gate): GateError | undefined {
  const problems: string[] = [];
  if (gate.minAccuracy !== undefined) {
    const { minAccuracy } = gate;
    for (const version of versions) if (version.accuracy < minAccuracy) problems.push(`${described(version)}, below ${minAccuracy}`);
  }
  const [baseline, candidate] = versions;
  if (gate.noRegression && baseline && candidate && candidate.accuracy < baseline.accuracy) {
    problems.push(`${described(candidate)}, lower than ${described(baseline)}: a regression`);
  }
  return problems.length
    ? new GateError(`the evaluation failed its gate: ${problems.join('; ')}`, { hint: 'the report above shows where' })
    : undefined;
}
