import type { Command } from 'commander';
import type { Runner } from './define.js';

type Register = (program: Command, act: Runner) => void;

/** A top-level command: what `ci --help` shows, and the module that defines its flags and subcommands. */
interface CommandEntry {
  name: string;
  aliases?: string[];
  summary: string;
  load: () => Promise<Register>;
}

/**
 * Every top-level command, in help order. Only the command a run names is loaded and built;
 * the others are one-line stubs, so start-up does not grow with the number of commands.
 */
export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'services',
    aliases: ['service'],
    summary: 'manage Intelligence Services',
    load: async () => (await import('./services/index.js')).registerServices,
  },
  {
    name: 'profiles',
    aliases: ['profile'],
    summary: 'manage saved credentials (stored with mode 0600)',
    load: async () => (await import('./profiles/index.js')).registerProfiles,
  },
  {
    name: 'login',
    summary: 'ask for credentials, verify them with one API call, and save them as the active profile',
    load: async () => (await import('./login/index.js')).registerLogin,
  },
  {
    name: 'emulator',
    summary: 'a local Intelligence v2 API for demos, tests and trying ci without an account',
    load: async () => (await import('./emulator/index.js')).registerEmulator,
  },
  {
    name: 'operators',
    aliases: ['operator'],
    summary: 'manage Language Operators: the catalogue, custom operators, attachments',
    load: async () => (await import('./operators/index.js')).registerOperators,
  },
  {
    name: 'setup',
    summary: 'interactive: create a service, attach operators, create a generative operator; prints the equivalent commands',
    load: async () => (await import('./setup/index.js')).registerSetup,
  },
  {
    name: 'transcribe',
    summary: 'transcribe a recording (or media URL) with a service; returns the existing transcript if the recording has one',
    load: async () => (await import('./transcribe/index.js')).registerTranscribe,
  },
  {
    name: 'transcripts',
    aliases: ['transcript'],
    summary: 'list, inspect, wait for and delete transcripts',
    load: async () => (await import('./transcripts/index.js')).registerTranscripts,
  },
  {
    name: 'results',
    summary: "show a transcript's Language Operator results: one section per operator, by type",
    load: async () => (await import('./results/index.js')).registerResults,
  },
  {
    name: 'webhook',
    aliases: ['webhooks'],
    summary: 'receive and configure the transcript-available webhook',
    load: async () => (await import('./webhook/index.js')).registerWebhook,
  },
  {
    name: 'serve',
    summary: 'the call flow as one local server: /incoming-call (TwiML), /recording-status (creates the transcript), /ci-webhook',
    load: async () => (await import('./serve/index.js')).registerServe,
  },
  {
    name: 'apply',
    summary: 'make the account match a configuration file: shows the plan, asks, applies (operators before attachments, with If-Match)',
    load: async () => (await import('./apply/index.js')).registerApply,
  },
  {
    name: 'diff',
    summary: 'show what `ci apply` would change: create, update (field by field), attach, detach, delete (with --prune)',
    load: async () => (await import('./apply/index.js')).registerDiff,
  },
  {
    name: 'export',
    summary: "print the account's services and generative custom operators in the configuration file format",
    load: async () => (await import('./apply/index.js')).registerExport,
  },
  {
    name: 'doctor',
    summary: 'check the setup: Node, config file, credentials, API access, region/edge, proxy, clock (exit 0 only when all pass)',
    load: async () => (await import('./doctor/index.js')).registerDoctor,
  },
  {
    name: 'completion',
    summary: 'print a shell completion script (commands, subcommands, flags and their values)',
    load: async () => (await import('./completion/index.js')).registerCompletion,
  },
];

export function findCommand(word: string | undefined): CommandEntry | undefined {
  return word === undefined ? undefined : COMMANDS.find((entry) => entry.name === word || entry.aliases?.includes(word));
}

/** Builds the `wanted` commands in full and the rest as stubs that only name themselves. */
export async function registerCommands(program: Command, act: Runner, wanted: (entry: CommandEntry) => boolean): Promise<void> {
  for (const entry of COMMANDS) {
    if (wanted(entry)) (await entry.load())(program, act);
    else program.command(entry.name);
    const command = program.commands.find((c) => c.name() === entry.name)!;
    command.aliases(entry.aliases ?? []).description(entry.summary);
  }
}
