// The configuration-as-code verbs and the everyday helpers, registered together so that
// src/commands/index.ts needs one line for them.
import type { Command } from 'commander';
import { registerApply, registerDiff, registerExport } from './apply/index.js';
import { registerCompletion } from './completion/index.js';
import type { Runner } from './define.js';
import { registerDoctor } from './doctor/index.js';

export function registerConfigCommands(program: Command, act: Runner): void {
  registerApply(program, act);
  registerDiff(program, act);
  registerExport(program, act);
  registerDoctor(program, act);
  registerCompletion(program, act);
}
