// Text from outside never reaches the terminal raw: tables, TSV, show views, error lines, listener
// lines and custom views; --json stays exact.
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import type { IO } from '../../src/lib/context.js';
import { render } from '../../src/lib/output/render.js';
import { sanitize, sanitizeComposed } from '../../src/lib/output/sanitize.js';
import type { CommandResult } from '../../src/lib/output/types.js';
import { emulatorEnv } from '../support/ci-env.js';
import { useTestEmulator } from '../support/emulator.js';
import { fakeProcess } from '../support/fake-process.js';
import { tempConfigHome } from '../support/run-ci.js';

/** Retitles the terminal, then clears it. */
const HOSTILE = '\u001b]0;PWNED\u0007\u001b[2J';
/** Writes "secret" to the clipboard (OSC 52), as a C1 CSI and a DCS too. */
const CLIPBOARD = '\u001b]52;c;c2VjcmV0\u0007\u009b31m\u001bPq#0\u001b\\';
/** Any escape or control character except ci's own newline and tab. */
const RAW_CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;

const emulator = useTestEmulator();
const argv = (...args: string[]) => ['node', 'ci', ...args];

async function ci(tty: boolean, ...args: string[]) {
  const env = { ...(emulatorEnv(emulator) as Record<string, string>), XDG_CONFIG_HOME: tempConfigHome(), NO_COLOR: '1' };
  const proc = fakeProcess({ tty, env });
  const code = await main(argv(...args), proc);
  return { code, out: proc.out(), err: proc.err() };
}

describe('control characters from the API', () => {
  it('never reach the terminal raw from a friendly name in tables, TSV, show views or error lines', async () => {
    const created = await ci(false, 'services', 'create', '--unique-name', 'hostile', '--friendly-name', HOSTILE, '--json');
    expect(created.code).toBe(0);
    expect((JSON.parse(created.out) as { friendlyName: string }).friendlyName).toBe(HOSTILE); // --json stays exact
    for (const args of [
      ['services', 'list'],
      ['services', 'show', 'hostile'],
    ]) {
      for (const tty of [true, false]) {
        const { code, out, err } = await ci(tty, ...args);
        expect(code).toBe(0);
        expect(out).not.toMatch(RAW_CONTROL);
        expect(err).not.toMatch(RAW_CONTROL);
        expect(out).toContain(tty ? '^[]0;PWNED^G^[[2J' : '\\x1b]0;PWNED\\x07\\x1b[2J');
      }
    }
    const missing = await ci(true, 'services', 'show', `nope${HOSTILE}`);
    expect(missing.code).toBe(4);
    expect(missing.err).toMatch(/^ci: .*nope\^\[\]0;PWNED/);
    expect(missing.err).not.toMatch(RAW_CONTROL);
  });
});

function io(tty: boolean, color: boolean) {
  const proc = fakeProcess({ tty });
  const streams: IO = {
    stdout: proc.stdout,
    stderr: proc.stderr,
    stdin: proc.stdin,
    stdoutIsTTY: tty,
    stderrIsTTY: tty,
    stdinIsTTY: tty,
    color,
    columns: 40,
  };
  return { io: streams, out: () => proc.out() };
}

describe('the output layer', () => {
  it('escapes OSC 52, C1 and DCS in TSV cells reversibly, and in table cells as caret notation', async () => {
    const result: CommandResult = { kind: 'list', rows: [{ name: CLIPBOARD }], columns: [{ key: 'name' }] };
    const piped = io(false, false);
    await render(piped.io, result);
    expect(piped.out()).toBe('NAME\n\\x1b]52;c;c2VjcmV0\\x07\\x9b31m\\x1bPq#0\\x1b\\\\\n');
    const tty = io(true, false);
    await render(tty.io, result);
    expect(tty.out()).not.toMatch(RAW_CONTROL);
  });

  it('never clips a table cell inside an escape sequence, and styles only what it drew itself', async () => {
    const { io: streams, out } = io(true, true);
    await render(streams, {
      kind: 'list',
      rows: [{ sid: `GA${'0'.repeat(32)}`, name: `${'x'.repeat(3)}${HOSTILE}${'y'.repeat(40)}` }],
      columns: [{ key: 'sid', id: true }, { key: 'name' }],
    });
    // The only escapes left are the header's bold on and off.
    expect(out().replace(/\u001b\[(1|22)m/g, '')).not.toMatch(RAW_CONTROL);
    expect(out()).toContain('\u001b[1m');
  });

  it('keeps ci’s colours in custom views and listener lines, and makes the rest inert', async () => {
    const custom = io(true, true);
    await render(custom.io, { kind: 'view', json: {}, human: (style) => `${style.green('ok')} ${HOSTILE}` });
    expect(custom.out()).toBe('\u001b[32mok\u001b[39m ^[]0;PWNED^G^[[2J\n');
    const listener = io(false, false);
    // eslint-disable-next-line @typescript-eslint/require-await -- a stream is an async iterable; this one has nothing to wait for
    const events = async function* () {
      yield { human: () => `POST /hook ${CLIPBOARD}`, json: { body: CLIPBOARD } };
    };
    await render(listener.io, { kind: 'stream', events: events(), piped: 'text' });
    expect(listener.out()).not.toMatch(RAW_CONTROL);
    const json = io(false, false);
    await render(json.io, { kind: 'stream', events: events(), piped: 'ndjson' });
    expect(JSON.parse(json.out())).toEqual({ body: CLIPBOARD });
  });

  it('shows control characters in caret notation, keeping tabs and line breaks', () => {
    expect(sanitize('a\tb\r\nc\u0000\u007f\u009b')).toBe('a\tb\nc^@^?^[[');
    expect(sanitizeComposed('\u001b[1mbold\u001b[22m\u001b[2J', false)).toBe('^[[1mbold^[[22m^[[2J');
  });
});
