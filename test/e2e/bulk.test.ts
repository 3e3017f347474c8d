// ci transcribe --from-file against the emulator: faults, validation, state file, --wait, failures.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generatedRecordings, type FaultOptions } from '../../src/emulator/index.js';
import { emulatorEnv } from '../support/ci-env.js';
import { startTestEmulator, type TestEmulator } from '../support/emulator.js';
import { runCi, spawnCi } from '../support/run-ci.js';
import { statsOf } from '../support/stats.js';

const recordings = generatedRecordings(24);

const emulators: TestEmulator[] = [];
const dir = mkdtempSync(join(tmpdir(), 'ci-bulk-'));

async function bulkEmulator(faults: FaultOptions = {}) {
  const emulator = await startTestEmulator({ recordings, transcribeDelayMs: 50, faults });
  emulators.push(emulator);
  const env = emulatorEnv(emulator, { TWILIO_CI_SERVICE_SID: undefined });
  // Under faults a create may be dropped after it applied; a retry then meets the name taken, which is fine.
  const service = await runCi(['--max-retries', '8', 'services', 'create', '--unique-name', 'bulk'], { env });
  if (service.code !== 0 && !service.stderr.includes('already exists') && !service.stderr.includes('may have applied'))
    throw new Error(service.stderr);
  return { emulator, env };
}

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
    const run = await runCi(['--max-retries', '6', 'transcribe', '--from-file', file, '--service', 'bulk', '--concurrency', '4'], {
      env,
      timeoutMs: 60_000,
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
    const run = await runCi(['--max-retries', '8', 'transcribe', '--from-file', file, '--service', 'bulk', '--concurrency', '3'], {
      env,
      timeoutMs: 60_000,
    });
    expect(run.code).toBe(0);
    const stats = await statsOf(emulator);
    expect(stats.requests['GET /v2/Transcripts']).toBeGreaterThan(0); // looked before re-sending
    expect(stats.created.transcripts).toBe(6);
  });

  it('refuses a file with malformed lines before sending anything, naming each line', async () => {
    const { emulator, env } = await bulkEmulator();
    const file = inputFile('bad.txt', [recordings[0].sid, 'RE123', 'not a url', `${recordings[1].sid},`]);
    const run = await runCi(['transcribe', '--from-file', file, '--service', 'bulk'], { env });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `ci: ${file}: 3 malformed lines, nothing was sent: line 2: "RE123" is not a valid recording SID (RE + 32 hex characters); line 3: "not a url" is neither a recording SID (RE…) nor an http(s) URL; line 4: empty customer key after the comma; hint: fix them, or pass --skip-invalid\n`,
    );
    expect((await statsOf(emulator)).requests['POST /v2/Transcripts']).toBeUndefined();
  });

  it('with --skip-invalid reads stdin, warns per skipped line, and reports an existing transcript as "exists"', async () => {
    const { env } = await bulkEmulator();
    expect((await runCi(['transcribe', recordings[0].sid, '--service', 'bulk'], { env })).code).toBe(0);
    const run = await runCi(['transcribe', '--from-file', '-', '--service', 'bulk', '--skip-invalid'], {
      env,
      stdin: `${recordings[0].sid}\nbogus\n${recordings[1].sid}\n`,
    });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(
      'warning: stdin line 2 skipped: "bogus" is neither a recording SID (RE…) nor an http(s) URL\ntranscribe: 2 inputs: 1 created, 1 exist, 0 failed\n',
    );
    const byLine = Object.fromEntries(parse(run.stdout).map((line) => [line.line, line.outcome]));
    expect(byLine).toEqual({ 1: 'exists', 3: 'created' });
  });

  it('resumes from --state: done inputs are not sent again', async () => {
    const { emulator, env } = await bulkEmulator();
    const state = join(dir, 'state.json');
    const first = await runCi(
      [
        'transcribe',
        '--from-file',
        inputFile(
          'part.txt',
          recordings.slice(0, 3).map((r) => r.sid),
        ),
        '--service',
        'bulk',
        '--state',
        state,
      ],
      { env },
    );
    expect(first.code).toBe(0);
    expect(Object.keys(JSON.parse(readFileSync(state, 'utf8')).done)).toHaveLength(3);
    const second = await runCi(
      [
        'transcribe',
        '--from-file',
        inputFile(
          'all.txt',
          recordings.slice(0, 4).map((r) => r.sid),
        ),
        '--service',
        'bulk',
        '--state',
        state,
      ],
      { env },
    );
    expect(second.code).toBe(0);
    expect(second.stderr).toBe('transcribe: 4 inputs: 4 created, 0 exist, 0 failed (3 already done per the state file)\n');
    expect(parse(second.stdout)).toHaveLength(4);
    expect((await statsOf(emulator)).requests['POST /v2/Transcripts']).toBe(4);
  });

  it('Ctrl-C stops a run (exit 130) with a valid checkpoint; the rerun finishes with nothing done twice', async () => {
    const { emulator, env } = await bulkEmulator({ latencyMs: 100 });
    const state = join(dir, 'interrupted.json');
    const file = inputFile(
      'interrupted.txt',
      recordings.slice(0, 12).map((r) => `${r.sid},${r.call_sid}`),
    );
    const first = spawnCi(['transcribe', '--from-file', file, '--service', 'bulk', '--concurrency', '2', '--state', state], { env });
    first.child.stdout.once('data', () => first.child.kill('SIGINT'));
    const stopped = await first.result;
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toMatch(/^transcribe: 12 inputs: \d+ created, 0 exist, 0 failed\nci: interrupted\n$/);
    const checkpointed = Object.keys(JSON.parse(readFileSync(state, 'utf8')).done).length;
    expect(checkpointed).toBe(parse(stopped.stdout).length);
    expect(checkpointed).toBeLessThan(12);

    const rerun = await runCi(['transcribe', '--from-file', file, '--service', 'bulk', '--concurrency', '2', '--state', state], { env });
    expect(rerun.code).toBe(0);
    expect(rerun.stderr).toBe(`transcribe: 12 inputs: 12 created, 0 exist, 0 failed (${checkpointed} already done per the state file)\n`);
    const stats = await statsOf(emulator);
    expect(stats.requests['POST /v2/Transcripts']).toBe(12);
    expect(stats.created.transcripts).toBe(12);
  });

  it('with --wait prints one results line per transcript after the input lines', async () => {
    const { env } = await bulkEmulator();
    const file = inputFile(
      'wait.txt',
      recordings.slice(0, 2).map((r) => r.sid),
    );
    const run = await runCi(['transcribe', '--from-file', file, '--service', 'bulk', '--wait', '--interval', '100ms'], { env });
    expect(run.code).toBe(0);
    const lines = parse(run.stdout);
    expect(lines.slice(0, 2).every((line) => line.outcome === 'created')).toBe(true);
    expect(lines.slice(2)).toEqual([
      expect.objectContaining({ status: 'completed', operatorResults: expect.any(Array) }),
      expect.objectContaining({ status: 'completed', operatorResults: expect.any(Array) }),
    ]);
  });

  it('reports a failed input on its line, keeps going, and exits 1', async () => {
    const { env } = await bulkEmulator();
    const unknown = `RE${'e'.repeat(32)}`;
    const run = await runCi(['transcribe', '--from-file', inputFile('fail.txt', [unknown, recordings[5].sid]), '--service', 'bulk'], {
      env,
    });
    expect(run.code).toBe(1);
    const failed = parse(run.stdout).find((line) => line.outcome === 'failed');
    expect(failed).toMatchObject({
      input: unknown,
      line: 1,
      transcriptSid: null,
      error: expect.stringContaining(`recording ${unknown} was not found`),
    });
    expect(run.stderr).toBe(
      'transcribe: 2 inputs: 1 created, 0 exist, 1 failed\nci: 1 of 2 inputs failed (see their "error" lines); hint: add --state FILE to retry only what failed\n',
    );
  });
});
