// A long listing's bytes are what a plain SDK each() script prints (each row's toJSON()), whatever the output
// layer does to be fast; and its first page is small, so the first rows print before a full page is fetched.
import { describe, expect, it } from 'vitest';
import { emulatorEnv } from '../support/ci-env.js';
import * as cli from '../support/cli.js';
import { useTestEmulator } from '../support/emulator.js';
import { sdkClient } from '../support/sdk.js';

const COUNT = 2_345; // a small first page, then full pages of 1,000 and a partial last one
const pageSizes: number[] = [];
const emulator = useTestEmulator({
  seedTranscripts: COUNT,
  observe(exchange) {
    if (exchange.method === 'GET' && exchange.path === '/v2/Transcripts') pageSizes.push(Number(exchange.query.PageSize));
  },
});

/** What bench/peers/list-each.mjs prints: the SDK's each({ pageSize: 1000 }), each row's toJSON(). */
async function sdkLines(): Promise<string[]> {
  const lines: string[] = [];
  await new Promise<void>((resolve, reject) => {
    const done = (error?: Error) => (error ? reject(error) : resolve());
    sdkClient(emulator).intelligence.v2.transcripts.each({ pageSize: 1000, done }, (transcript) => {
      lines.push(JSON.stringify(transcript.toJSON()));
    });
  });
  return lines;
}

describe('ci transcripts list --all', () => {
  it('prints, byte for byte, the SDK each() rows: one per line with --ndjson, one streamed array with --json', async () => {
    const lines = await sdkLines();
    expect(lines).toHaveLength(COUNT);
    const env = emulatorEnv(emulator);
    const ndjson = await cli.ci(['transcripts', 'list', '--all', '--ndjson'], { env });
    expect(ndjson.code).toBe(0);
    expect(ndjson.stdout).toBe(lines.map((line) => `${line}\n`).join(''));
    const json = await cli.ci(['transcripts', 'list', '--all', '--json'], { env });
    expect(json.code).toBe(0);
    expect(json.stdout).toBe(`[${lines.map((line, i) => `${i ? ',' : ''}\n  ${line}`).join('')}\n]\n`);
  });

  it('asks for a small first page, then full pages of 1,000', async () => {
    pageSizes.length = 0;
    const result = await cli.ci(['transcripts', 'list', '--all', '--ndjson'], { env: emulatorEnv(emulator) });
    expect(result.code).toBe(0);
    const [first, ...rest] = pageSizes;
    expect(first).toBeLessThanOrEqual(100);
    expect(rest.length).toBeGreaterThan(0);
    expect(rest.every((size) => size === 1000)).toBe(true);
  });

  it('keeps --limit within one request when it fits in a page', async () => {
    pageSizes.length = 0;
    const result = await cli.ci(['transcripts', 'list', '--limit', '300', '--ndjson'], { env: emulatorEnv(emulator) });
    expect(result.stdout.trim().split('\n')).toHaveLength(300);
    expect(pageSizes).toEqual([301]);
  });
});
