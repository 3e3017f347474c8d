import type { Command } from 'commander';
import type { Runner } from './define.js';
import { registerResults } from './results/index.js';
import { registerTranscribe } from './transcribe/index.js';
import { registerTranscripts } from './transcripts/index.js';

/** `ci transcribe`, `ci transcripts …` and `ci results`: the seed's pipeline from recording to results. */
export function registerTranscription(program: Command, act: Runner): void {
  registerTranscribe(program, act);
  registerTranscripts(program, act);
  registerResults(program, act);
}
