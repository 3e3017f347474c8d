// bin/ci.js answers `ci <command…> --help` from dist/help.cjs (templates `npm run build` captures from commander),
// without loading commander: these check it prints byte for byte what main() prints, for every command, at
// the widths either side of where commander starts and stops wrapping, and for each way the width is given.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { buildProgram } from '../../src/commands/program.js';
import { buildIO } from '../../src/lib/make-context.js';
import { fakeProcess } from '../support/fake-process.js';
import { jsonOf } from '../support/json.js';

const HELP_CJS = fileURLToPath(new URL('../../dist/help.cjs', import.meta.url));

interface HelpCase {
  args: string[];
  env: Record<string, string>;
  stdoutColumns?: number;
  stderrColumns?: number;
}

/** What the fast path prints for each case (null: it leaves the run to main()), from one fresh node process. */
function fastHelp(cases: HelpCase[]): (string | null)[] {
  const script = `const { helpFor } = require(${JSON.stringify(HELP_CJS)});
const cases = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
process.stdout.write(JSON.stringify(cases.map((c) =>
  helpFor(c.args, { env: c.env, stdout: { columns: c.stdoutColumns }, stderr: { columns: c.stderrColumns } }) ?? null)));`;
  const child = spawnSync(process.execPath, ['-e', script], { input: JSON.stringify(cases), encoding: 'utf8', maxBuffer: 1 << 28 });
  expect(child.stderr).toBe('');
  return jsonOf<(string | null)[]>(child.stdout);
}

/** What main() prints for the case, commander and all. */
async function slowHelp({ args, env, stdoutColumns, stderrColumns }: HelpCase): Promise<string> {
  const proc = fakeProcess({ env, columns: stdoutColumns ?? 0 });
  Object.assign(proc.stderr, { columns: stderrColumns });
  expect(await main(['node', 'ci', ...args], proc)).toBe(0);
  expect(proc.err()).toBe('');
  return proc.out();
}

async function commandPaths(): Promise<string[][]> {
  const program = await buildProgram(buildIO(fakeProcess(), []), async () => {}, 'all');
  const walk = (command: Command, path: string[]): string[][] => [
    path,
    ...command.commands.flatMap((sub) => walk(sub, [...path, sub.name()])),
  ];
  return walk(program, []);
}

async function expectSameHelp(cases: HelpCase[]): Promise<void> {
  const fast = fastHelp(cases);
  for (const [index, helpCase] of cases.entries()) {
    expect({ ...helpCase, help: fast[index] }).toEqual({ ...helpCase, help: await slowHelp(helpCase) });
  }
}

describe('ci … --help from the build-time templates', () => {
  it('prints what commander prints for every command, at widths around each wrapping edge', async () => {
    const widths = [20, 39, 44, 61, 80, 100, 117, 160, 400];
    const paths = await commandPaths();
    expect(paths.length).toBeGreaterThan(50);
    await expectSameHelp(paths.flatMap((path) => widths.map((width) => ({ args: [...path, '--help'], env: { COLUMNS: `${width}` } }))));
  });

  it('reads the width as main() does: COLUMNS, then the terminal (stdout, then stderr), then 100; colour settings change nothing', async () => {
    await expectSameHelp([
      { args: ['--help'], env: {} },
      { args: ['--help'], env: { COLUMNS: 'wide' }, stdoutColumns: 73 },
      { args: ['--help'], env: { COLUMNS: '' }, stderrColumns: 66 },
      { args: ['--help'], env: { COLUMNS: '-3' }, stdoutColumns: 90 },
      { args: ['--help'], env: { NO_COLOR: '1' }, stdoutColumns: 58 },
      { args: ['transcribe', '--help'], env: { FORCE_COLOR: '1' }, stdoutColumns: 58 },
    ]);
  });

  it('answers -h and aliases as --help and names, and leaves every other command line to main()', async () => {
    await expectSameHelp([
      { args: ['-h'], env: {} },
      { args: ['service', 'ls', '-h'], env: {} },
      { args: ['operator', 'attach', '--help'], env: {} },
    ]);
    const others = [
      ['help'],
      ['help', '--help'],
      ['nope', '--help'],
      ['constructor', '--help'],
      ['--debug', '--help'],
      ['services', 'show', 'GA1', '--help'],
    ];
    expect(fastHelp(others.map((args) => ({ args, env: {} })))).toEqual(others.map(() => null));
  });
});
