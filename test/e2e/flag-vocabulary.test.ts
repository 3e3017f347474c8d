// One flag vocabulary (#11): every list pages alike and says where it stopped, streams speak --ndjson,
// durations take units.
import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { emulatorEnv } from '../support/ci-env.js';
import { useTestEmulator } from '../support/emulator.js';
import * as cli from '../support/cli.js';
import { parseCi } from '../support/cli.js';
import { sdkClient } from '../support/sdk.js';
import { fakeProcess } from '../support/fake-process.js';
import { render } from '../../src/lib/output/render.js';
import { buildIO } from '../../src/lib/make-context.js';

const emulator = useTestEmulator();
let env: Record<string, string | undefined>;

const SERVICES = 52;

beforeAll(async () => {
  env = emulatorEnv(emulator);
  const client = sdkClient(emulator);
  for (let i = 0; i < SERVICES; i++) await client.intelligence.v2.services.create({ uniqueName: `paging-${String(i).padStart(2, '0')}` });
});

const ci = (args: string[], options: cli.InProcessOptions = {}) => cli.ci(args, { env, ...options });
const lines = (text: string) => text.trimEnd().split('\n');

describe('every list pages alike', () => {
  it('stops at 50 by default and says so on a terminal stderr, also when stdout is piped', async () => {
    const run = await ci(['services', 'list'], { stderrTty: true });
    expect(run.code).toBe(0);
    expect(lines(run.stdout)).toHaveLength(1 + 50);
    expect(run.stderr).toBe('showing 50; --all for all\n');
  });

  it('says nothing on stderr that is not a terminal', async () => {
    const run = await ci(['services', 'list', '--limit', '3']);
    expect(lines(run.stdout)).toHaveLength(1 + 3);
    expect(run.stderr).toBe('');
  });

  it('--all lists every row, and a list that ends before its limit says nothing', async () => {
    const all = await ci(['services', 'list', '--all', '--json'], { stderrTty: true });
    expect(JSON.parse(all.stdout)).toHaveLength(SERVICES);
    expect(all.stderr).toBe('');
    const short = await ci(['services', 'list', '--limit', String(SERVICES)], { stderrTty: true });
    expect(short.stderr).toBe('');
  });

  it('operators list pages like services list, with or without --attached-to', async () => {
    const run = await ci(['operators', 'list', '--limit', '2', '--ndjson'], { stderrTty: true });
    expect(lines(run.stdout)).toHaveLength(2);
    expect(run.stderr).toBe('showing 2; --all for all\n');
    expect((await parseCi(['operators', 'list', '--all'])).options).toMatchObject({ limit: Infinity });
  });

  it('--limit with --all is a usage error (exit 2)', async () => {
    const run = await ci(['operators', 'list', '--limit', '2', '--all']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--limit.*cannot be used with.*--all/);
  });

  it("a transcript's sentences are shown whole unless --limit says", async () => {
    expect((await parseCi(['transcripts', 'sentences', 'GT0123456789abcdef0123456789abcdef'])).options).toMatchObject({
      limit: Infinity,
    });
  });
});

describe('streaming commands speak --ndjson', () => {
  it('refuse --json with --ndjson (exit 2)', async () => {
    for (const command of [['webhook', 'listen'], ['serve'], ['emulator', 'start']]) {
      const run = await ci([...command, '--json', '--ndjson']);
      expect(run.code, command.join(' ')).toBe(2);
      expect(run.stderr, command.join(' ')).toMatch(/--ndjson.*cannot be used with.*--json/);
    }
  });

  it('keep --json as a deprecated alias that prints JSON lines and warns once on stderr', async () => {
    const proc = fakeProcess({ tty: true });
    const events = [1, 2].map((n) => ({ human: () => `event ${n}`, json: { n } }));
    await render(buildIO(proc, []), { kind: 'stream', events: Readable.from(events), piped: 'text' }, { json: true });
    expect(proc.out()).toBe('{"n":1}\n{"n":2}\n');
    expect(proc.err()).toBe('warning: --json is deprecated for streaming commands; use --ndjson (one JSON object per line)\n');
  });
});

describe('durations take units everywhere', () => {
  it('serve --timeout and --max-length read 2m or 90 (seconds)', async () => {
    expect((await parseCi(['serve', '--timeout', '10s', '--max-length', '2m'])).options).toMatchObject({ timeout: 10, maxLength: 120 });
    expect((await parseCi(['serve', '--timeout', '7'])).options).toMatchObject({ timeout: 7 });
  });

  it('refuse a duration without a known unit, naming the flag (exit 2)', async () => {
    const run = await ci(['serve', '--timeout', '5 minutes']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--timeout must be a duration/);
    const half = await ci(['serve', '--timeout', '1500ms']);
    expect(half.code).toBe(2);
    expect(half.stderr).toMatch(/--timeout must be whole seconds/);
  });

  it('the wait timing and the request timeout take units too', async () => {
    expect((await parseCi(['transcripts', 'wait', 'GT0123456789abcdef0123456789abcdef', '--timeout', '2m'])).options).toMatchObject({
      timeout: 120_000,
    });
    expect((await parseCi(['--request-timeout', '45', 'services', 'list'])).globals).toMatchObject({ requestTimeoutMs: 45_000 });
  });
});
