// The configuration-as-code verbs and the everyday helpers, registered together so that
// src/commands/index.ts needs one line for them.
import type { Command } from 'commander';
import { registerCompletion } from './completion/index.js';
import type { Runner } from './define.js';
import { registerDoctor } from './doctor/index.js';

export function registerConfigCommands(program: Command, act: Runner): void {
  registerDoctor(program, act);
  registerCompletion(program, act);
}
