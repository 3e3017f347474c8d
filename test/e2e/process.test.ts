// The few things only a real process shows, through bin/ci.js as a user runs it; everything else runs
// in-process (test/support/cli.ts). Each test says why it needs the real process.
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emulatorEnv } from '../support/ci-env.js';
import { ci } from '../support/cli.js';
import { completeInBash as complete } from '../support/completion.js';
import { useTestEmulator } from '../support/emulator.js';
import { CI_BIN, cleanEnv, runCi, spawnCi } from '../support/run-ci.js';
import { TEST_API_KEY_SECRET, TEST_AUTH_TOKEN } from '../support/secrets.js';
import { requested, statsOf } from '../support/stats.js';
import { tempDir } from '../support/temp.js';

// Transcripts stay queued (something to wait on); 3000 seeded ones make a list long enough to outlast a pipe.
const emulator = useTestEmulator({ transcribeDelayMs: 60_000, seedTranscripts: 3000 });

describe('exit codes as a shell sees them', () => {
  // bin/ci.js sets process.exitCode from main(); only a real exit shows that, and that no handle
  // (socket, timer) keeps the process alive after the command is done (it would be killed: code null).
  it('exits 0, 2, 3 and 4, and ends by itself', async () => {
    const env = emulatorEnv(emulator);
    const runs = await Promise.all([
      runCi(['--version']),
      runCi(['services', 'show', 'GA123'], { env }),
      runCi(['services', 'list']),
      runCi(['services', 'show', 'GA' + 'f'.repeat(32)], { env }),
      runCi(['services', 'list', '--json'], { env }),
    ]);
    expect(runs.map((run) => run.code)).toEqual([0, 2, 3, 4, 0]);
  });
});

describe('signals and pipes', () => {
  // A real SIGINT reaches the process's own handlers (and Node's default exit); in-process runs
  // only see the fake process's emitter.
  it('Ctrl-C while waiting exits 130 with one line and cancels nothing', async () => {
    const env = emulatorEnv(emulator);
    expect((await ci(['services', 'create', '--unique-name', 'waiting'], { env })).code).toBe(0);
    const queued = await ci(['transcribe', 'RE' + '1'.padStart(32, '0'), '--service', 'waiting', '--json'], { env });
    const sid = (JSON.parse(queued.stdout) as { sid: string }).sid;
    const waiting = spawnCi(['transcripts', 'wait', sid, '--interval', '100ms'], { env });
    await requested(emulator, 'GET /v2/Transcripts/{Sid}'); // it is polling: Ctrl-C now
    waiting.child.kill('SIGINT');
    const { code, stderr } = await waiting.result;
    expect(code).toBe(130);
    expect(stderr).toBe('ci: interrupted\n');
    expect((await statsOf(emulator)).deleted).toEqual({});
  });

  // EPIPE comes from a real pipe whose reader went away (`| head -1`); a fake stream cannot close that way.
  it('stops quietly when the reader closes stdout early (ci transcripts list --all | head -1)', async () => {
    const listing = spawnCi(['transcripts', 'list', '--all'], { env: emulatorEnv(emulator) });
    listing.child.stdout.once('data', () => listing.child.stdout.destroy());
    const { code, stderr } = await listing.result;
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

describe('start-up', () => {
  // Which modules a fresh process loads is only visible in a fresh process: loader hooks log each one.
  const HOOKS = `import { appendFileSync } from 'node:fs';
export async function load(url, context, next) { appendFileSync(process.env.CI_TEST_IMPORT_LOG, url + '\\n'); return next(url, context); }`;
  const REGISTER = `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(HOOKS)}`)});`;

  async function modulesLoadedBy(args: string[]): Promise<{ code: number | null; stdout: string; modules: string[] }> {
    const log = join(tempDir('ci-imports-'), 'modules.txt');
    writeFileSync(log, '');
    const run = await runCi(args, {
      env: { CI_TEST_IMPORT_LOG: log },
      nodeArgs: ['--import', `data:text/javascript,${encodeURIComponent(REGISTER)}`],
    });
    return { ...run, modules: readFileSync(log, 'utf8').split('\n').filter(Boolean) };
  }

  it('--version and --help load nothing of the CLI or its dependencies; `ci help` loads no SDK, prompts or command code', async () => {
    const version = await modulesLoadedBy(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    expect(version.modules.filter((url) => /\/dist\/|\/node_modules\//.test(url))).toEqual([]);

    const help = await modulesLoadedBy(['services', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: ci services');
    expect(help.modules.filter((url) => /\/dist\/(?!help\.cjs$)|\/node_modules\//.test(url))).toEqual([]);

    const helpCommand = await modulesLoadedBy(['help', 'services']);
    expect(helpCommand.code).toBe(0);
    expect(helpCommand.stdout).toBe(help.stdout);
    expect(helpCommand.modules.some((url) => url.endsWith('/dist/cli.js'))).toBe(true);
    expect(helpCommand.modules.filter((url) => /\/node_modules\/(twilio|@inquirer|axios)\/|\/dist\/lib\/client\.js$/.test(url))).toEqual(
      [],
    );
  });
});

describe('completion through a real shell', () => {
  // On Tab, bash runs the ci binary itself (`ci completion --names …`): a shell and a real process.
  it('completes service and operator names from the account, cached for a minute', async () => {
    const folder = tempDir('ci-completion-');
    const shim = join(folder, 'ci');
    writeFileSync(shim, `#!/bin/sh\nexec "${process.execPath}" "${CI_BIN}" "$@"\n`);
    chmodSync(shim, 0o755);
    const env = cleanEnv({ ...emulatorEnv(emulator), XDG_CACHE_HOME: join(folder, 'cache') });
    expect((await ci(['services', 'create', '--unique-name', 'names-one'], { env })).code).toBe(0);
    const script = (await ci(['completion', 'bash'])).stdout;

    expect(await complete(script, [shim, 'services', 'show', 'names-'], env)).toEqual(['names-one']);
    expect(await complete(script, [shim, 'operators', 'attach', 'names-one', 'Conv'], env)).toEqual(['Conversation\\ Summary']);
    expect(await complete(script, [shim, 'operators', 'attach', 'names-one', 'Conversation Summary', 'Sent'], env)).toEqual([
      'Sentiment\\ Analysis',
    ]);
    expect(await complete(script, [shim, 'operators', 'list', '--attached-to', 'names'], env)).toEqual(['names-one']);

    // A service created within the minute is not listed yet: Tab read the cache, not the API.
    expect((await ci(['services', 'create', '--unique-name', 'names-two'], { env })).code).toBe(0);
    expect(await complete(script, [shim, 'services', 'show', 'names-'], env)).toEqual(['names-one']);
    expect(existsSync(join(folder, 'cache', 'twilio-ci'))).toBe(true);
    // Without credentials, Tab completes nothing and prints nothing.
    expect(await complete(script, [shim, 'services', 'show', ''], cleanEnv({ XDG_CACHE_HOME: join(folder, 'cache2') }))).toEqual([]);
  });
});

describe('secrets in the real streams', () => {
  // In-process runs capture only what goes through the CLI's IO; a real process also catches
  // anything a dependency writes to process.stdout/stderr (console.*) on its own.
  it('keeps tokens, API secrets and the Authorization header out of --debug traces and errors', async () => {
    const viaKey = emulatorEnv(emulator, {
      TWILIO_AUTH_TOKEN: undefined,
      TWILIO_API_KEY: emulator.apiKeySid,
      TWILIO_API_SECRET: TEST_API_KEY_SECRET,
    });
    const runs = await Promise.all([
      runCi(['--debug', 'services', 'list'], { env: emulatorEnv(emulator) }),
      runCi(['--debug', 'services', 'create', '--unique-name', 'secretive'], { env: viaKey }),
      runCi(['--debug', 'services', 'show', 'GA' + 'f'.repeat(32)], { env: viaKey }),
      runCi(['--debug', 'services', 'list'], { env: emulatorEnv(emulator, { TWILIO_AUTH_TOKEN: `${TEST_AUTH_TOKEN}-wrong` }) }),
    ]);
    expect(runs.map((run) => run.code)).toEqual([0, 0, 4, 3]);
    for (const { stdout, stderr } of runs) {
      expect(stderr).toContain('[debug] →');
      for (const secret of [TEST_AUTH_TOKEN, TEST_API_KEY_SECRET, 'Basic ']) expect(`${stdout}${stderr}`).not.toContain(secret);
    }
  });
});
