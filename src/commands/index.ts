import { TOP_LEVEL, type TopLevelName } from './manifest.js';
import type { Group, Verb } from './spec.js';

/** Loads a top-level command's spec (its noun module); nothing else is imported until it runs. */
const LOADERS: Record<TopLevelName, () => Promise<Verb | Group>> = {
  services: async () => (await import('./services/index.js')).services,
  profiles: async () => (await import('./profiles/index.js')).profiles,
  login: async () => (await import('./login/index.js')).login,
  emulator: async () => (await import('./emulator/index.js')).emulator,
  operators: async () => (await import('./operators/index.js')).operators,
  configurations: async () => (await import('./configurations/index.js')).configurations,
  conversations: async () => (await import('./conversations/index.js')).conversations,
  rules: async () => (await import('./rules/index.js')).rules,
  setup: async () => (await import('./setup/index.js')).setup,
  transcribe: async () => (await import('./transcribe/index.js')).transcribe,
  transcripts: async () => (await import('./transcripts/index.js')).transcripts,
  transcriptions: async () => (await import('./transcriptions/index.js')).transcriptions,
  results: async () => (await import('./results/index.js')).results,
  webhook: async () => (await import('./webhook/index.js')).webhook,
  serve: async () => (await import('./serve/index.js')).serve,
  apply: async () => (await import('./apply/index.js')).apply,
  diff: async () => (await import('./apply/index.js')).diff,
  export: async () => (await import('./apply/index.js')).exportCommand,
  doctor: async () => (await import('./doctor/index.js')).doctor,
  completion: async () => (await import('./completion/index.js')).completion,
};

export interface CommandEntry {
  name: string;
  aliases?: readonly string[];
  summary: string;
  load: () => Promise<Verb | Group>;
}

/** Every top-level command, in help order. */
export const COMMANDS: readonly CommandEntry[] = (Object.keys(TOP_LEVEL) as TopLevelName[]).map((key) => ({
  ...TOP_LEVEL[key],
  load: LOADERS[key],
}));

export function findCommand(word: string | undefined): CommandEntry | undefined {
  return word === undefined ? undefined : COMMANDS.find((entry) => entry.name === word || entry.aliases?.includes(word));
}

/** Every top-level spec, loaded (completion and the spec tests need the whole tree). */
export function loadAllCommands(): Promise<(Verb | Group)[]> {
  return Promise.all(COMMANDS.map((entry) => entry.load()));
}
