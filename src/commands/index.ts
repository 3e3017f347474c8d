import type { Command } from 'commander';
import type { Runner } from './define.js';
import { registerConfigCommands } from './config-commands.js';
import { registerEmulator } from './emulator/index.js';
import { registerLogin } from './login/index.js';
import { registerOperators } from './operators/index.js';
import { registerProfiles } from './profiles/index.js';
import { registerServe } from './serve/index.js';
import { registerServices } from './services/index.js';
import { registerSetup } from './setup/index.js';
import { registerTranscription } from './transcription.js';
import { registerWebhook } from './webhook/index.js';

/** Every noun of the CLI. Flags are registered eagerly (cheap); command code loads on use. */
export function registerCommands(program: Command, act: Runner): void {
  registerServices(program, act);
  registerProfiles(program, act);
  registerLogin(program, act);
  registerEmulator(program, act);
  registerOperators(program, act);
  registerSetup(program, act);
  registerTranscription(program, act);
  registerWebhook(program, act);
  registerServe(program, act);
  registerConfigCommands(program, act);
}
