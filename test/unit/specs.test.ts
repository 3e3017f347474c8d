// The command specs: every one builds, documents itself, and parses to typed options without running.
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { loadAllCommands } from '../../src/commands/index.js';
import { buildProgram } from '../../src/commands/program.js';
import type { Group, Verb } from '../../src/commands/spec.js';
import { buildIO } from '../../src/lib/make-context.js';
import { parseCi } from '../support/cli.js';
import { fakeProcess } from '../support/fake-process.js';

function* verbsOf(spec: Verb | Group, path: string[] = []): Generator<[string, Verb]> {
  const here = [...path, spec.name];
  if (spec.kind === 'verb') yield [here.join(' '), spec];
  else for (const child of spec.commands) yield* verbsOf(child, here);
}

/** A command's whole help, as `--help` prints it (examples included). */
function helpText(command: Command): string {
  let text = '';
  command.configureOutput({ writeOut: (chunk) => void (text += chunk) });
  command.outputHelp();
  return text;
}

describe('command specs', () => {
  it('build into one commander tree (a flag keyed unlike its name would throw here)', async () => {
    const program = await buildProgram(buildIO(fakeProcess(), []), async () => {}, 'all');
    const nouns = ['services', 'operators', 'transcribe', 'transcripts', 'results', 'apply', 'diff', 'export', 'profiles', 'completion'];
    expect(program.commands.map((command) => command.name())).toEqual(expect.arrayContaining(nouns));
  });

  it('each verb has a summary and at least one example that runs that very command', async () => {
    const paths: string[] = [];
    for (const top of await loadAllCommands()) {
      for (const [path, verb] of verbsOf(top)) {
        paths.push(path);
        expect(verb.summary, path).not.toBe('');
        expect(verb.examples.length, `${path} has no example`).toBeGreaterThan(0);
        for (const example of verb.examples) expect(example, path).toMatch(new RegExp(`\\bci\\b.*\\b${verb.name}\\b`));
      }
    }
    expect(paths).toEqual(expect.arrayContaining(['services create', 'transcripts list', 'operators attach']));
  });

  it('every group command shows examples in its help', async () => {
    const program = await buildProgram(buildIO(fakeProcess(), []), async () => {}, 'all');
    const groups = (command: Command): Command[] =>
      command.commands.filter((child) => child.commands.length).flatMap((child) => [child, ...groups(child)]);
    expect(groups(program).length).toBeGreaterThan(5);
    for (const group of groups(program)) expect(helpText(group), group.name()).toMatch(/Examples:\n {2}\$ ci /);
  });

  it('parse to typed options and arguments without loading or running the verb', async () => {
    const parsed = await parseCi(['services', 'update', 'test-ci', '--webhook-method', 'post', '--no-auto-transcribe', '--json']);
    expect(parsed.verb.name).toBe('update');
    expect(parsed.args).toEqual(['test-ci']);
    expect(parsed.options).toMatchObject({ webhookMethod: 'POST', autoTranscribe: false, json: true, header: true });
    expect(parsed.options).not.toHaveProperty('friendlyName');
  });

  it('give list commands the output and paging flags from their kind, --limit and --all exclusive', async () => {
    // A list verb reads one row more than it shows, so the output can say that the listing went on.
    expect((await parseCi(['services', 'list', '--limit', '3', '--ndjson'])).options).toMatchObject({ limit: 4, ndjson: true });
    expect((await parseCi(['services', 'list'])).options).toMatchObject({ limit: 51 });
    await expect(parseCi(['services', 'list', '--limit', '3', '--all'])).rejects.toThrow(/cannot be used with option '--all'/);
  });

  it('keep the global flags apart from the verb flags', async () => {
    const parsed = await parseCi(['--profile', 'prod', '--max-retries', '2', 'services', 'show', 'x']);
    expect(parsed.globals).toMatchObject({ profile: 'prod', maxRetries: 2 });
    expect(parsed.options).not.toHaveProperty('profile');
  });
});
