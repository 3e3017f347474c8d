// ci transcribe --from-file against the emulator: faults, validation, state file, --wait, failures. In-process
// (test/support/cli.ts), but for the lock test, whose holder must be another process.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatedRecordings, type FaultOptions } from '../../src/emulator/index.js';
import { emulatorEnv } from '../support/ci-env.js';
import { startTestEmulator, type TestEmulator } from '../support/emulator.js';
import { fileJournal, type JournalFiles } from '../../src/lib/adapters/journal.js';
import { parseBulkInput } from '../../src/lib/bulk-input.js';
import { BulkState } from '../../src/lib/bulk-state.js';
import { transcribeAll, type BulkLine } from '../../src/lib/bulk.js';
import { CliError, ExitCode } from '../../src/lib/errors.js';
import { ci, startCi } from '../support/cli.js';
import { spawnCi } from '../support/run-ci.js';
import { sdkClient } from '../support/sdk.js';
import { statsOf } from '../support/stats.js';
import { defined } from '../support/defined.js';
import { tempDir } from '../support/temp.js';

const recordings = generatedRecordings(24);
const recordingSid = (index: number) => defined(recordings[index]).sid;

const emulators: TestEmulator[] = [];
const dir = tempDir('ci-bulk-');

async function bulkEmulator(faults: FaultOptions = {}) {
  const emulator = await startTestEmulator({ recordings, transcribeDelayMs: 50, faults });
  emulators.push(emulator);
  const env = emulatorEnv(emulator, { TWILIO_CI_SERVICE_SID: undefined });
  // Under faults a create may be dropped after it applied; a retry then meets the name taken, which is fine.
  const service = await ci(['--max-retries', '8', 'services', 'create', '--unique-name', 'bulk'], { env });
  if (service.code !== 0 && !service.stderr.includes('already exists') && !service.stderr.includes('may have applied'))
    throw new Error(service.stderr);
  return { emulator, env };
}

// The file's first bulk run pays for loading the CLI's modules and compiling the schemas of the exchanges it
// meets in Twilio's specs: one fault-free run of one input pays it here, so the first test does not carry it.
beforeAll(async () => {
  const { env } = await bulkEmulator();
  await ci(['transcribe', '--from-file', inputFile('warm-up.txt', [recordingSid(0)]), '--service', 'bulk'], { env });
});

afterAll(async () => {
  for (const emulator of emulators) {
    await emulator.close();
    expect(emulator.violations).toEqual([]);
  }
});

function inputFile(name: string, lines: string[]): string {
  const file = join(dir, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** The inputs the state file's journal records as done. */
function doneIn(state: string): string[] {
  return readFileSync(state, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { event?: string; input?: string })
    .filter((event) => event.event === 'done')
    .map((event) => String(event.input));
}

const parse = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('ci transcribe --from-file', () => {
  it('creates exactly one transcript per input under fail/throttle/reset faults', async () => {
    const { emulator, env } = await bulkEmulator({
      failRate: 0.1,
      throttleRate: 0.03,
      resetRate: 0.05,
      resetAfterCommitRate: 0.15,
      seed: 11,
    });
    const media = [1, 2, 3, 4].map((n) => `http://127.0.0.1:9/call-${n}.json,media-${n}`);
    const file = inputFile('faults.txt', [
      '# recordings with their call SIDs, then media URLs',
      ...recordings.map((r) => `${r.sid},${r.call_sid}`),
      ...media,
    ]);
    const run = await ci(['--max-retries', '6', 'transcribe', '--from-file', file, '--service', 'bulk', '--concurrency', '4'], {
      env,
    });
    expect(run.stderr).toBe(`transcribe: 28 inputs: 28 created, 0 exist, 0 failed\n`);
    expect(run.code).toBe(0);
    const lines = parse(run.stdout);
    expect(lines).toHaveLength(28);
    expect(new Set(lines.map((line) => line.transcriptSid)).size).toBe(28);
    expect(lines.map((line) => line.line).sort((a, b) => Number(a) - Number(b))).toEqual(Array.from({ length: 28 }, (_, i) => i + 2));
    const stats = await statsOf(emulator);
    expect(stats.created.transcripts).toBe(28); // none lost, none twice
    expect(stats.faults['reset-after-commit']).toBeGreaterThan(0);
  });

  it('adopts a media-URL transcript whose create was applied but whose answer was lost', async () => {
    const { emulator, env } = await bulkEmulator({ resetAfterCommitRate: 0.4, seed: 5 });
    const file = inputFile(
      'media.txt',
      [1, 2, 3, 4, 5, 6].map((n) => `http://127.0.0.1:9/m-${n}.json,key-${n}`),
    );
    const run = await ci(['--max-retries', '8', 'transcribe', '--from-file', file, '--service', 'bulk', '--concurrency', '3'], {
      env,
    });
    expect(run.code).toBe(0);
    const stats = await statsOf(emulator);
    expect(stats.requests['GET /v2/Transcripts']).toBeGreaterThan(0); // looked before re-sending
    expect(stats.created.transcripts).toBe(6);
  });

  it('refuses a file with malformed lines before sending anything, naming each line', async () => {
    const { emulator, env } = await bulkEmulator();
    const file = inputFile('bad.txt', [recordingSid(0), 'RE123', 'not a url', `${recordingSid(1)},`]);
    const run = await ci(['transcribe', '--from-file', file, '--service', 'bulk'], { env });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `ci: ${file}: 3 malformed lines, nothing was sent: line 2: "RE123" is not a valid recording SID (RE + 32 hex characters); line 3: "not a url" is neither a recording SID (RE…) nor an http(s) URL; line 4: empty customer key after the comma; hint: fix them, or pass --skip-invalid\n`,
    );
    expect((await statsOf(emulator)).requests['POST /v2/Transcripts']).toBeUndefined();
  });

  it('with --skip-invalid reads stdin, warns per skipped line, and reports an existing transcript as "exists"', async () => {
    const { env } = await bulkEmulator();
    expect((await ci(['transcribe', recordingSid(0), '--service', 'bulk'], { env })).code).toBe(0);
    const run = await ci(['transcribe', '--from-file', '-', '--service', 'bulk', '--skip-invalid'], {
      env,
      stdin: `${recordingSid(0)}\nbogus\n${recordingSid(1)}\n`,
    });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(
      'warning: stdin line 2 skipped: "bogus" is neither a recording SID (RE…) nor an http(s) URL\ntranscribe: 2 inputs: 1 created, 1 exist, 0 failed\n',
    );
    const byLine = Object.fromEntries(parse(run.stdout).map((line) => [String(line.line), line.outcome]));
    expect(byLine).toEqual({ 1: 'exists', 3: 'created' });
  });

  it('resumes from --state: done inputs are not sent again, and their lines say "exists", "resumed"', async () => {
    const { emulator, env } = await bulkEmulator();
    const state = join(dir, 'state.json');
    const run = (name: string, count: number) =>
      ci(
        [
          'transcribe',
          '--from-file',
          inputFile(
            name,
            recordings.slice(0, count).map((r) => r.sid),
          ),
          '--service',
          'bulk',
          '--state',
          state,
        ],
        {
          env,
        },
      );
    const first = await run('part.txt', 3);
    expect(first.code).toBe(0);
    expect(parse(first.stdout).every((line) => !('resumed' in line))).toBe(true);
    expect(doneIn(state)).toHaveLength(3);
    const second = await run('all.txt', 4);
    expect(second.code).toBe(0);
    expect(second.stderr).toBe('transcribe: 4 inputs: 1 created, 3 exist, 0 failed (3 resumed)\n');
    const lines = parse(second.stdout);
    expect(lines.filter((line) => line.resumed === true && line.outcome === 'exists')).toHaveLength(3);
    expect(lines.filter((line) => line.outcome === 'created' && !('resumed' in line))).toHaveLength(1);
    expect((await statsOf(emulator)).requests['POST /v2/Transcripts']).toBe(4);
  });

  it('Ctrl-C stops a run (exit 130) with a valid checkpoint; the rerun finishes with nothing done twice', async () => {
    const { emulator, env } = await bulkEmulator({ latencyMs: 100 });
    const state = join(dir, 'interrupted.json');
    const file = inputFile(
      'interrupted.txt',
      recordings.slice(0, 12).map((r) => `${r.sid},${r.call_sid}`),
    );
    const first = startCi(['transcribe', '--from-file', file, '--service', 'bulk', '--concurrency', '2', '--state', state], { env });
    const stopWatching = first.proc.onOutput(() => {
      if (first.proc.out() === '') return;
      stopWatching();
      first.proc.signal('SIGINT'); // Ctrl-C once the first line is out
    });
    const stopped = await first.result;
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toMatch(/^transcribe: 12 inputs: \d+ created, 0 exist, 0 failed\nci: interrupted\n$/);
    const checkpointed = doneIn(state).length;
    expect(checkpointed).toBe(parse(stopped.stdout).length);
    expect(checkpointed).toBeLessThan(12);
    expect(existsSync(`${state}.lock`)).toBe(false);

    const rerun = await ci(['transcribe', '--from-file', file, '--service', 'bulk', '--concurrency', '2', '--state', state], { env });
    expect(rerun.code).toBe(0);
    // An input in flight at Ctrl-C may have been created on the server after the checkpoint: the rerun finds it
    // (one more "exist"), it never creates it again (12 POSTs below).
    const summary = /^transcribe: 12 inputs: (\d+) created, (\d+) exist, 0 failed \((\d+) resumed\)\n$/.exec(rerun.stderr);
    const [created, existing] = [Number(summary?.[1]), Number(summary?.[2])];
    expect(created + existing).toBe(12);
    expect(existing).toBeGreaterThanOrEqual(checkpointed);
    expect(existing).toBeLessThanOrEqual(checkpointed + 2); // at most --concurrency inputs were in flight
    const stats = await statsOf(emulator);
    expect(stats.requests['POST /v2/Transcripts']).toBe(12);
    expect(stats.created.transcripts).toBe(12);
  });

  it('resolves inputs a crashed run left in flight by looking them up, before sending anything', async () => {
    const { emulator, env } = await bulkEmulator();
    const media = (n: number) => `http://127.0.0.1:9/in-flight-${n}.json`;
    // What a run killed after sending these creates leaves: the transcripts exist, the state file has only the intent.
    const made = await ci(['transcribe', '--media-url', media(1), '--customer-key', 'k1', '--service', 'bulk', '--json'], { env });
    const recording = await ci(['transcribe', recordingSid(20), '--customer-key', 'r', '--service', 'bulk', '--json'], { env });
    // Same media URL, other customer key: not ours.
    await ci(['transcribe', '--media-url', media(2), '--customer-key', 'someone-else', '--service', 'bulk'], { env });
    const at = new Date().toISOString();
    const state = join(dir, 'in-flight.json');
    writeFileSync(
      state,
      [
        { ci: 'bulk-state', version: 2 },
        { event: 'in-flight', input: media(1), at },
        { event: 'in-flight', input: recordingSid(20), at },
        { event: 'in-flight', input: media(2), at },
      ]
        .map((event) => `${JSON.stringify(event)}\n`)
        .join(''),
    );
    const posted = (await statsOf(emulator)).requests['POST /v2/Transcripts'];
    const run = await ci(
      [
        'transcribe',
        '--from-file',
        inputFile('in-flight.txt', [`${media(1)},k1`, `${recordingSid(20)},r`, `${media(2)},k2`]),
        '--service',
        'bulk',
        '--state',
        state,
      ],
      { env },
    );
    expect(run.stderr).toBe('transcribe: 3 inputs: 1 created, 2 exist, 0 failed (2 resumed)\n');
    expect(run.code).toBe(0);
    const byLine = new Map(parse(run.stdout).map((line) => [line.line, line]));
    expect(byLine.get(1)).toMatchObject({
      outcome: 'exists',
      resumed: true,
      transcriptSid: (JSON.parse(made.stdout) as { sid: string }).sid,
    });
    expect(byLine.get(2)).toMatchObject({
      outcome: 'exists',
      resumed: true,
      transcriptSid: (JSON.parse(recording.stdout) as { sid: string }).sid,
    });
    expect(byLine.get(3)).toMatchObject({ outcome: 'created' });
    expect(byLine.get(3)).not.toHaveProperty('resumed');
    expect((await statsOf(emulator)).requests['POST /v2/Transcripts']).toBe((posted ?? 0) + 1);
    expect(doneIn(state)).toHaveLength(3);
  });

  it('a second run on a state file in use exits 2 naming the holder, and sends nothing', async () => {
    const { emulator, env } = await bulkEmulator({ latencyMs: 300 });
    const state = join(dir, 'shared.json');
    const file = inputFile(
      'shared.txt',
      recordings.slice(12, 24).map((r) => `${r.sid},${r.call_sid}`),
    );
    const args = ['transcribe', '--from-file', file, '--service', 'bulk', '--concurrency', '1', '--state', state];
    // The holder is a real process: the lock names its pid, and the second run must see that process alive.
    const first = spawnCi(args, { env });
    await new Promise((resolve) => first.child.stdout.once('data', resolve));
    const second = await ci(args, { env });
    expect(first.child.exitCode).toBeNull(); // the first run was still going (12 creates at 300 ms each)
    expect(second.code).toBe(2);
    expect(second.stderr).toBe(
      `ci: the state file ${state} is in use by another run (pid ${first.child.pid} on ${hostname()}; lock file ${state}.lock); hint: wait for that run to finish; if it is gone, remove the lock file\n`,
    );
    expect(second.stdout).toBe('');
    expect((await first.result).code).toBe(0);
    const after = await statsOf(emulator);
    expect(after.requests['POST /v2/Transcripts']).toBe(12); // the second run sent nothing
    expect(after.created.transcripts).toBe(12);
    expect(existsSync(`${state}.lock`)).toBe(false);
  });

  it('takes over a stale lock (its process is gone) and removes its own lock at the end', async () => {
    const { env } = await bulkEmulator();
    const state = join(dir, 'stale.json');
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    writeFileSync(`${state}.lock`, JSON.stringify({ pid: gone, host: hostname(), since: new Date().toISOString() }));
    const run = await ci(['transcribe', '--from-file', inputFile('stale.txt', [recordingSid(18)]), '--service', 'bulk', '--state', state], {
      env,
    });
    expect(run.stderr).toBe('transcribe: 1 inputs: 1 created, 0 exist, 0 failed\n');
    expect(run.code).toBe(0);
    expect(existsSync(`${state}.lock`)).toBe(false);
  });

  it('refuses a state file that cannot be written, before the first request', async () => {
    const { emulator, env } = await bulkEmulator();
    const state = join(dir, 'no-such-dir', 'state.json');
    const run = await ci(
      ['transcribe', '--from-file', inputFile('unwritable.txt', [recordingSid(19)]), '--service', 'bulk', '--state', state],
      {
        env,
      },
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^ci: the state file ${state} cannot be written \\(.*ENOENT.*\\)`));
    expect(run.stdout).toBe('');
    expect((await statsOf(emulator)).requests['POST /v2/Transcripts']).toBeUndefined();
  });

  it('refuses a corrupt state file, and ignores a torn last line', async () => {
    const { emulator, env } = await bulkEmulator();
    const state = join(dir, 'corrupt.json');
    const header = `${JSON.stringify({ ci: 'bulk-state', version: 2 })}\n`;
    const done = `${JSON.stringify({ event: 'done', input: recordingSid(21), transcriptSid: `GT${'a'.repeat(32)}`, outcome: 'created' })}\n`;
    writeFileSync(state, `${header}{"event":"do\n${done}`);
    const args = ['transcribe', '--from-file', inputFile('corrupt.txt', [recordingSid(21)]), '--service', 'bulk', '--state', state];
    const refused = await ci(args, { env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(`ci: the state file ${state} is not valid JSON (line 2); fix it or move it away\n`);
    expect(existsSync(`${state}.lock`)).toBe(false);
    writeFileSync(state, `${header}${done}{"event":"in-fl`); // a crash mid-append
    const resumed = await ci(args, { env });
    expect(resumed.stderr).toBe('transcribe: 1 inputs: 0 created, 1 exist, 0 failed (1 resumed)\n');
    expect(resumed.code).toBe(0);
    expect((await statsOf(emulator)).requests['POST /v2/Transcripts']).toBeUndefined();
  });

  it('a checkpoint write failing mid-run stops new inputs, reports what was created as created, and fails with exit 1', async () => {
    const { emulator, env } = await bulkEmulator({ latencyMs: 20 });
    const client = sdkClient(emulator);
    const service = defined((await client.intelligence.v2.services.list({ limit: 1 }))[0]);
    const path = join(dir, 'full.json');
    let writes = 0;
    // The disk fills up after the third append (the in-process way to it: a spawned ci dies of SIGXFSZ under ulimit -f).
    const fullDisk: JournalFiles = {
      ...fileJournal,
      async openAppend(file) {
        const real = await fileJournal.openAppend(file);
        return {
          write: (text, sync) =>
            ++writes > 3 ? Promise.reject(new Error('ENOSPC: no space left on device, write')) : real.write(text, sync),
          close: () => real.close(),
        };
      },
    };
    const inputs = Array.from({ length: 40 }, (_, n) => `http://127.0.0.1:9/full-${n}.json,key-${n}`);
    const { items } = parseBulkInput(inputs.join('\n'));
    const state = await BulkState.open(path, fullDisk, () => new Date());
    const lines: BulkLine[] = [];
    const options = { serviceSid: service.sid, concurrency: 2, signal: new AbortController().signal, state, now: () => new Date() };
    const failure = await (async () => {
      for await (const line of transcribeAll(client, items, options)) lines.push(line);
    })().then(
      () => undefined,
      (error: unknown) => error,
    );
    await state.close();
    expect(failure).toBeInstanceOf(CliError);
    expect((failure as CliError).exitCode).toBe(ExitCode.failure);
    expect((failure as CliError).message).toBe(
      `could not write the state file ${path} (ENOSPC: no space left on device, write): stopped starting new inputs; the outcome of ${lines.length} inputs is known (their lines above), ${40 - lines.length} were not started`,
    );
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.length).toBeLessThan(40);
    expect(lines.every((line) => line.outcome === 'created' && typeof line.transcriptSid === 'string')).toBe(true);
    expect((await statsOf(emulator)).created.transcripts).toBe(lines.length); // every transcript made is reported as made

    const file = inputFile('full.txt', inputs);
    const rerun = await ci(['transcribe', '--from-file', file, '--service', service.sid, '--concurrency', '2', '--state', path], {
      env,
    });
    expect(rerun.code).toBe(0);
    expect(parse(rerun.stdout)).toHaveLength(40);
    expect((await statsOf(emulator)).created.transcripts).toBe(40);
  });

  it('with --wait prints one results line per transcript after the input lines', async () => {
    const { env } = await bulkEmulator();
    const file = inputFile(
      'wait.txt',
      recordings.slice(0, 2).map((r) => r.sid),
    );
    const run = await ci(['transcribe', '--from-file', file, '--service', 'bulk', '--wait', '--interval', '100ms'], { env });
    expect(run.code).toBe(0);
    const lines = parse(run.stdout);
    expect(lines.slice(0, 2).every((line) => line.outcome === 'created')).toBe(true);
    expect(lines.slice(2)).toEqual([
      expect.objectContaining({ status: 'completed', operatorResults: expect.any(Array) as unknown }),
      expect.objectContaining({ status: 'completed', operatorResults: expect.any(Array) as unknown }),
    ]);
  });

  it('reports a failed input on its line, keeps going, and exits 1', async () => {
    const { env } = await bulkEmulator();
    const unknown = `RE${'e'.repeat(32)}`;
    const run = await ci(['transcribe', '--from-file', inputFile('fail.txt', [unknown, recordingSid(5)]), '--service', 'bulk'], {
      env,
    });
    expect(run.code).toBe(1);
    const failed = parse(run.stdout).find((line) => line.outcome === 'failed');
    expect(failed).toMatchObject({
      input: unknown,
      line: 1,
      transcriptSid: null,
      error: expect.stringContaining(`recording ${unknown} was not found`) as unknown,
    });
    expect(run.stderr).toBe(
      'transcribe: 2 inputs: 1 created, 0 exist, 1 failed\nci: 1 of 2 inputs failed (see their "error" lines); hint: add --state FILE to retry only what failed\n',
    );
  });
});
