import { describe, expect, it } from 'vitest';
import { render } from '../../src/lib/output/render.js';
import type { IO } from '../../src/lib/context.js';
import type { CommandResult, PagedRows, Row } from '../../src/lib/output/types.js';
import { fakeProcess } from '../support/fake-process.js';

function ioFor(tty: boolean, color = false) {
  const proc = fakeProcess({ tty });
  const io: IO = {
    stdout: proc.stdout,
    stderr: proc.stderr,
    stdin: proc.stdin,
    stdoutIsTTY: tty,
    stderrIsTTY: tty,
    stdinIsTTY: tty,
    color,
    columns: 120,
  };
  return { io, out: () => proc.out() };
}

const rows = [
  { sid: 'GA1', uniqueName: 'alpha', webhookUrl: null, nested: { a: 1 } },
  { sid: 'GA2', uniqueName: 'tab\there', webhookUrl: 'https://x', nested: [1, 2] },
];
const list = (): CommandResult => ({ kind: 'list', rows, columns: [{ key: 'sid', header: 'SID' }, { key: 'uniqueName' }] });

describe('output layer', () => {
  it('prints TSV with a header when piped, escaping tabs', async () => {
    const { io, out } = ioFor(false);
    await render(io, list());
    expect(out()).toBe('SID\tUNIQUE NAME\nGA1\talpha\nGA2\ttab\\there\n');
  });

  // A write(2) per row was a tenth of a 50,000-row listing's time: rows go out in chunks, the bytes unchanged.
  it('writes a long --ndjson or --json listing in a few chunks, not once per row', async () => {
    const many = Array.from({ length: 3000 }, (_, i) => ({ sid: `GT${i}`, nested: { i } }));
    for (const options of [{ ndjson: true }, { json: true }]) {
      const { io, out } = ioFor(false);
      let writes = 0;
      const write = io.stdout.write.bind(io.stdout);
      io.stdout.write = (chunk: string) => (writes++, write(chunk));
      await render(io, { kind: 'list', rows: many, columns: [{ key: 'sid' }] }, options);
      const expected = options.ndjson
        ? many.map((r) => `${JSON.stringify(r)}\n`).join('')
        : `[${many.map((r, i) => `${i ? ',' : ''}\n  ${JSON.stringify(r)}`).join('')}\n]\n`;
      expect(out()).toBe(expected);
      expect(writes).toBeLessThan(10);
    }
  });

  // A listing that can be read a page at a time is written a page at a time, the bytes those of a row at a time.
  it('writes a paged listing with --ndjson or --json exactly as a row-by-row one, empty or not', async () => {
    const pageOf = (start: number, size: number) => Array.from({ length: size }, (_, i) => ({ sid: `GT${start + i}`, text: 'a\tb' }));
    const pages = [pageOf(0, 3), pageOf(3, 150), pageOf(153, 1)];
    const paged = (source: Row[][]): PagedRows => ({
      jsonPages: <U>(make: (rows: readonly object[]) => U) =>
        (async function* () {
          for (const page of source) yield make(await Promise.resolve(page));
        })(),
      [Symbol.asyncIterator]: () => {
        throw new Error('a paged listing is written a page at a time');
      },
    });
    for (const options of [{ ndjson: true }, { json: true }]) {
      for (const source of [pages, []]) {
        const byRow = ioFor(false);
        await render(byRow.io, { kind: 'list', rows: source.flat(), columns: [{ key: 'sid' }] }, options);
        const byPage = ioFor(false);
        await render(byPage.io, { kind: 'list', rows: paged(source), columns: [{ key: 'sid' }] }, options);
        expect(byPage.out()).toBe(byRow.out());
      }
    }
  });

  it('drops the header with --no-header', async () => {
    const { io, out } = ioFor(false);
    await render(io, list(), { header: false });
    expect(out()).toBe('GA1\talpha\nGA2\ttab\\there\n');
  });

  it('prints a table on a terminal, with colour only when enabled', async () => {
    const plain = ioFor(true, false);
    await render(plain.io, list());
    expect(plain.out()).toMatch(/^SID\s+UNIQUE NAME\s*\nGA1\s+alpha/);
    expect(plain.out()).not.toContain('\u001b[');
    const coloured = ioFor(true, true);
    await render(coloured.io, list());
    expect(coloured.out()).toContain('\u001b[1m');
  });

  it('keeps SIDs whole on a narrow terminal and clips free text instead', async () => {
    const { io, out } = ioFor(true);
    io.columns = 60;
    const sid = 'GA' + '0123456789abcdef'.repeat(2);
    await render(io, { kind: 'list', rows: [{ sid, note: 'x'.repeat(80) }], columns: [{ key: 'sid', header: 'SID' }, { key: 'note' }] });
    const line = out().split('\n')[1];
    expect(line).toContain(sid);
    expect(line).toContain('…');
    expect(line?.length).toBeLessThanOrEqual(60);
  });

  it('prints one JSON array with every field for --json, and picks keys with --fields', async () => {
    const { io, out } = ioFor(false);
    await render(io, list(), { json: true });
    expect(JSON.parse(out())).toEqual(rows);
    const picked = ioFor(false);
    await render(picked.io, list(), { json: true, fields: ['uniqueName', 'nested'] });
    expect(JSON.parse(picked.out())).toEqual(rows.map(({ uniqueName, nested }) => ({ uniqueName, nested })));
  });

  it('prints one object per line for --ndjson', async () => {
    const { io, out } = ioFor(false);
    await render(io, list(), { ndjson: true });
    expect(
      out()
        .trim()
        .split('\n')
        .map((line): unknown => JSON.parse(line)),
    ).toEqual(rows);
  });

  it('selects TSV columns by JSON name, including keys outside the default columns', async () => {
    const { io, out } = ioFor(false);
    await render(io, list(), { fields: ['webhookUrl', 'sid'] });
    expect(out()).toBe('WEBHOOK URL\tSID\n\tGA1\nhttps://x\tGA2\n');
  });

  it('rejects an unknown --fields name with the list of available ones', async () => {
    const { io } = ioFor(false);
    await expect(render(io, list(), { fields: ['nope'] })).rejects.toMatchObject({
      exitCode: 2,
      hint: expect.stringContaining('uniqueName') as unknown,
    });
  });

  it('renders an object as JSON, as a key/value view on a terminal, and as one TSV row when piped', async () => {
    const result: CommandResult = { kind: 'item', data: { sid: 'GA1', version: 2 } };
    const json = ioFor(false);
    await render(json.io, result, { json: true });
    expect(JSON.parse(json.out())).toEqual({ sid: 'GA1', version: 2 });
    const tty = ioFor(true);
    await render(tty.io, result);
    expect(tty.out()).toMatch(/^SID\s+GA1\nVERSION\s+2\n$/);
    const piped = ioFor(false);
    await render(piped.io, result);
    expect(piped.out()).toBe('SID\tVERSION\nGA1\t2\n');
  });

  it('streams NDJSON rows before the source is exhausted', async () => {
    const { io, out } = ioFor(false);
    let seenBeforeSecond = '';
    async function* slow() {
      yield { n: 1 };
      await new Promise((r) => setTimeout(r, 5));
      seenBeforeSecond = out();
      yield { n: 2 };
    }
    await render(io, { kind: 'list', rows: slow(), columns: [{ key: 'n' }] }, { ndjson: true });
    expect(seenBeforeSecond).toBe('{"n":1}\n');
  });
});
