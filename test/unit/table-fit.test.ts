// Lists and views on terminals of 80 and 200 columns, with long and wide-character names; piped TSV.
import { describe, expect, it } from 'vitest';
import { attachmentResult } from '../../src/commands/operators/fields.js';
import { renderResults } from '../../src/commands/shared/render-results.js';
import { ProgressBar, progressLine } from '../../src/commands/transcribe/progress.js';
import { SERVICE_DETAIL_COLUMNS, SERVICE_LIST_COLUMNS } from '../../src/commands/services/fields.js';
import { TRANSCRIPT_LIST_COLUMNS } from '../../src/commands/transcripts/fields.js';
import type { IO } from '../../src/lib/context.js';
import { buildIO } from '../../src/lib/make-context.js';
import { render } from '../../src/lib/output/render.js';
import { makeStyle } from '../../src/lib/output/style.js';
import { clip, displayWidth, wrap } from '../../src/lib/output/text.js';
import type { CommandResult, Row } from '../../src/lib/output/types.js';
import { normaliseResult } from '../../src/lib/results.js';
import { startSpinner } from '../../src/lib/spinner.js';
import { fakeProcess } from '../support/fake-process.js';
import { defined } from '../support/defined.js';

function terminal(columns: number, { tty = true, stderrTTY = tty }: { tty?: boolean; stderrTTY?: boolean } = {}) {
  const proc = fakeProcess({ tty });
  const io: IO = {
    stdout: proc.stdout,
    stderr: proc.stderr,
    stdin: proc.stdin,
    stdoutIsTTY: tty,
    stderrIsTTY: stderrTTY,
    stdinIsTTY: tty,
    color: false,
    columns,
  };
  return { io, out: () => proc.out(), err: () => proc.err() };
}

/** Width as a terminal counts it, computed apart from the code under test: CJK ideographs and kana take two cells. */
const cells = (line: string) => [...line].reduce((sum, char) => sum + (/[\u3000-\u9fff\uff00-\uff60]/.test(char) ? 2 : 1), 0);
const sid = (prefix: string, n: number) => `${prefix}${n.toString(16).padStart(32, '0')}`;

const services: Row[] = [
  {
    sid: sid('GA', 1),
    uniqueName: 'test-ci',
    friendlyName: 'Test CI',
    languageCode: 'en-US',
    autoTranscribe: false,
    webhookUrl: 'http://127.0.0.1:3000/ci-webhook',
    version: 1,
  },
  {
    sid: sid('GA', 2),
    uniqueName: 'support-calls-ja',
    friendlyName: '日本のサポート窓口 — コールセンターの通話',
    languageCode: 'ja-JP',
    autoTranscribe: true,
    webhookUrl: 'https://hooks.example.com/intelligence/webhook?token=abc',
    version: 12,
  },
];
const serviceList = (): CommandResult => ({ kind: 'list', rows: services, columns: SERVICE_LIST_COLUMNS });

describe('tables fitted to the terminal', () => {
  it('fits 80 columns: lowest-priority columns dropped first, free text clipped with … at a character boundary, SIDs whole', async () => {
    const { io, out, err } = terminal(80);
    await render(io, serviceList());
    const lines = out().trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(cells(line)).toBeLessThanOrEqual(80);
    expect(lines[0]).toMatch(/^SID +UNIQUE NAME +FRIENDLY NAME/);
    expect(lines[0]).not.toContain('VERSION');
    expect(lines[0]).not.toContain('WEBHOOK URL');
    expect(lines[1]?.startsWith(`${sid('GA', 1)}  test-ci`)).toBe(true);
    expect(lines[2]?.startsWith(`${sid('GA', 2)}  support-calls-ja`)).toBe(true);
    expect(lines[2]).toMatch(/日本のサポート.*…$/);
    // One hint, naming what is hidden and how to see it, fitted to the terminal too.
    expect(err().match(/To fit 80 columns/g)).toHaveLength(1);
    for (const line of err().trimEnd().split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    expect(err()).toMatch(/hidden: .*VERSION/);
    expect(err().replace(/\n/g, ' ')).toMatch(/--fields .*--json/);
  });

  it('shows every column whole at 200 columns, with no hint', async () => {
    const { io, out, err } = terminal(200);
    await render(io, serviceList());
    const lines = out().trimEnd().split('\n');
    expect(lines[0]).toMatch(/^SID +UNIQUE NAME +FRIENDLY NAME +LANGUAGE +AUTO TRANSCRIBE +WEBHOOK URL +VERSION$/);
    for (const line of lines) expect(cells(line)).toBeLessThanOrEqual(200);
    expect(out()).not.toContain('…');
    expect(out()).toContain(String(defined(services[1]).webhookUrl));
    expect(err()).toBe('');
  });

  it('keeps the hint off a stderr that is not a terminal', async () => {
    const { io, err } = terminal(80, { stderrTTY: false });
    await render(io, serviceList());
    expect(err()).toBe('');
  });

  it('drops an ID column instead of clipping it', async () => {
    const { io, out } = terminal(80);
    const rows = [
      {
        sid: sid('GT', 1),
        status: 'completed',
        serviceSid: sid('GA', 1),
        customerKey: sid('CA', 1),
        languageCode: 'en-US',
        duration: 4,
        dateCreated: new Date('2026-12-01T11:30:53Z'),
      },
    ];
    await render(io, { kind: 'list', rows, columns: TRANSCRIPT_LIST_COLUMNS });
    const [header, line] = out().trimEnd().split('\n');
    expect(header).toMatch(/^SID +STATUS +LANGUAGE +CREATED/);
    expect(header).not.toContain('SERVICE');
    expect(line).toBe(`${sid('GT', 1)}  completed  en-US     2026-12-01T11:30:53Z`);
    expect(out()).not.toContain('…');
  });

  it('drops the lower-priority ID column when the IDs alone do not fit', async () => {
    const { io, out } = terminal(60);
    const rows = [{ sid: sid('GT', 1), serviceSid: sid('GA', 1) }];
    await render(io, {
      kind: 'list',
      rows,
      columns: [
        { key: 'sid', header: 'SID', id: true },
        { key: 'serviceSid', header: 'SERVICE', id: true },
      ],
    });
    expect(out()).toBe(`SID\n${sid('GT', 1)}\n`);
  });

  it('counts wide characters and emoji as two cells, combining marks as none', () => {
    expect(displayWidth('日本')).toBe(4);
    expect(displayWidth('👍')).toBe(2);
    expect(displayWidth('🇯🇵')).toBe(2);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('plain')).toBe(5);
    expect(clip('日本語テキスト', 7)).toBe('日本語…');
    expect(clip('👍👍👍', 4)).toBe('👍…');
    expect(clip('short', 10)).toBe('short');
  });

  it('prints TSV with the header when piped, whatever the width', async () => {
    const { io, out, err } = terminal(40, { tty: false });
    await render(io, serviceList());
    const lines = out().trimEnd().split('\n');
    expect(lines[0]).toBe('SID\tUNIQUE NAME\tFRIENDLY NAME\tLANGUAGE\tAUTO TRANSCRIBE\tWEBHOOK URL\tVERSION');
    expect(lines[2]?.split('\t')).toEqual(Object.values(defined(services[1])).map(String));
    expect(err()).toBe('');
  });

  it('prints operators attach/detach as TSV with a header when piped, and as a fitted table on a terminal', async () => {
    const report = {
      serviceSid: sid('GA', 1),
      changes: [
        { operatorSid: sid('LY', 1), friendlyName: 'Conversation Summary', change: 'attached' as const },
        { operatorSid: sid('LY', 2), friendlyName: 'Sentiment Analysis', change: 'already attached' as const },
      ],
      attachedOperators: [
        { sid: sid('LY', 1), friendlyName: 'Conversation Summary', operatorType: 'Summarization' },
        { sid: sid('LY', 2), friendlyName: 'Sentiment Analysis', operatorType: 'ConversationClassify' },
      ],
    };
    const piped = terminal(80, { tty: false });
    await render(piped.io, attachmentResult(report, 80));
    expect(piped.out()).toBe(
      [
        'SID\tFRIENDLY NAME\tCHANGE',
        `${sid('LY', 1)}\tConversation Summary\tattached`,
        `${sid('LY', 2)}\tSentiment Analysis\talready attached`,
        '',
      ].join('\n'),
    );
    const tty = terminal(80);
    await render(tty.io, attachmentResult(report, 80));
    expect(tty.out()).toContain(`Operators attached to ${sid('GA', 1)}:\nSID                                 FRIENDLY NAME         TYPE\n`);
  });
});

describe('show views', () => {
  it('wraps long values under their column instead of cutting them', async () => {
    const { io, out } = terminal(80);
    const friendlyName = '日本のサポート窓口 — コールセンターの通話をすべて書き起こすサービス';
    const webhookUrl = 'https://hooks.example.com/a/very/long/path/to/the/intelligence/webhook?token=abc';
    const attached = [sid('LY', 1), sid('LY', 2), sid('LY', 3)];
    const data = { ...services[1], friendlyName, webhookUrl, readOnlyAttachedOperatorSids: attached };
    await render(io, { kind: 'item', data, columns: SERVICE_DETAIL_COLUMNS });
    const lines = out().trimEnd().split('\n');
    for (const line of lines) expect(cells(line)).toBeLessThanOrEqual(80);
    expect(out()).not.toContain('…');
    const valueColumn = defined(lines[0]).indexOf(sid('GA', 2));
    const webhook = lines.findIndex((line) => line.startsWith('WEBHOOK URL'));
    expect(lines[webhook + 1]?.slice(0, valueColumn).trim()).toBe('');
    const joined = lines
      .slice(webhook, webhook + 2)
      .map((line) => line.slice(valueColumn))
      .join('');
    expect(joined).toBe(webhookUrl);
    const friendly = lines.findIndex((line) => line.startsWith('FRIENDLY NAME'));
    expect(
      lines
        .slice(friendly, friendly + 2)
        .map((line) => line.slice(valueColumn).trim())
        .join(' '),
    ).toBe(friendlyName);
    // A list of IDs reads one per line.
    const operators = lines.findIndex((line) => line.startsWith('ATTACHED OPERATORS'));
    expect(lines.slice(operators, operators + 3).map((line) => line.slice(valueColumn))).toEqual(attached);
  });

  it('wraps words at spaces and breaks what is longer than a line', () => {
    expect(wrap('the quick brown fox', 10)).toEqual(['the quick', 'brown fox']);
    expect(wrap('abcdefghijkl', 5)).toEqual(['abcde', 'fghij', 'kl']);
    expect(wrap('one\ntwo', 10)).toEqual(['one', 'two']);
    expect(wrap('http://127.0.0.1:3000/v2/Services/GA1', 24)).toEqual(['http://127.0.0.1:3000/', 'v2/Services/GA1']);
    expect(wrap('  "prompt": "a long prompt that wraps"', 20)).toEqual(['  "prompt": "a long', '  prompt that wraps"']);
  });
});

describe('terminal width', () => {
  const width = (env: Record<string, string>, stdoutColumns?: number, stderrColumns?: number) => {
    const proc = fakeProcess({ env });
    Object.assign(proc.stdout, { columns: stdoutColumns });
    Object.assign(proc.stderr, { columns: stderrColumns });
    return buildIO(proc, []).columns;
  };

  it('comes from COLUMNS, then stdout, then stderr (the progress bar draws there while stdout is piped)', () => {
    expect(width({ COLUMNS: '200' }, 80)).toBe(200);
    expect(width({}, 80)).toBe(80);
    expect(width({}, undefined, 72)).toBe(72);
    expect(width({ COLUMNS: 'wide' }, 90)).toBe(90);
  });
});

/** What a terminal of `width` columns shows after `output`: wraps at the edge, \r, \n and "clear line" (ESC [2K). */
function screen(output: string, width: number): string[] {
  const rows: string[][] = [[]];
  let row = 0;
  let column = 0;
  for (let i = 0; i < output.length; i++) {
    const char = output.charAt(i);
    if (output.startsWith('\u001b[2K', i)) {
      rows[row] = [];
      i += 3;
    } else if (char === '\r') column = 0;
    else if (char === '\n') {
      row++;
      column = 0;
    } else {
      if (column === width) {
        row++;
        column = 0;
      }
      (rows[row] ??= [])[column++] = char;
    }
    rows[row] ??= [];
  }
  return rows.map((cells) => cells.join('')).filter((line) => line.trim() !== '');
}

describe('progress that stays on one line', () => {
  const tally = (done: number) => ({
    created: done - 2 * Math.floor(done / 20),
    exists: Math.floor(done / 20),
    failed: Math.floor(done / 20),
  });

  it.each([80, 200, 40, 20])('never exceeds %i columns: the bar shrinks first, then rate and ETA go', (width) => {
    for (const done of [0, 1, 150, 300]) {
      const line = progressLine(tally(done), 300, 12.5, width);
      expect(displayWidth(line)).toBeLessThan(width);
      expect(line).toContain(`${done}/300`);
    }
    const full = progressLine(tally(150), 300, 12.5, width);
    if (width >= 80) expect(full).toMatch(/^█+░+ 150\/300 · created .* · ETA \d+s$/);
    if (width === 40) expect(full).not.toContain('█');
  });

  it('leaves one line at 80 columns after 300 inputs: the summary', () => {
    const { io, err } = terminal(80);
    const bar = new ProgressBar(io, 300);
    for (let done = 1; done <= 300; done++) bar.update(tally(done), true);
    bar.stop();
    io.stderr.write('transcribe: 300 inputs: 270 created, 15 exist, 15 failed\n');
    expect(screen(err(), 80)).toEqual(['transcribe: 300 inputs: 270 created, 15 exist, 15 failed']);
  });

  it('keeps the --wait spinner within the terminal, its status sanitised', () => {
    const { io, err } = terminal(40);
    const spinner = startSpinner(io, `transcript ${sid('GT', 1)}: waiting`);
    spinner.update(`transcript ${sid('GT', 1)}: in-progress\u001b]0;x\u0007`);
    spinner.stop();
    expect(screen(err(), 40)).toEqual([]);
    for (const frame of err().split('\r\u001b[2K')) expect(displayWidth(frame)).toBeLessThan(40);
  });
});

describe('the results view', () => {
  const summary = `The customer said: "${'I was charged twice and I want a refund. '.repeat(4).trim()}" The agent said: "The refund will arrive by 2026-03-10."`;
  const utterance = 'Thank you for calling Owl Bank billing, this is Ann, how can I help you today with your account or your card?';
  const report = {
    transcript: {
      sid: sid('GT', 1),
      status: 'completed',
      customerKey: null,
      serviceSid: sid('GA', 1),
      duration: 21,
      dateCreated: '2026-12-01T12:20:17Z',
    },
    operatorResults: [
      normaliseResult({
        operatorType: 'text-generation',
        name: 'Conversation Summary',
        textGenerationResults: { format: 'text', result: summary },
      }),
      normaliseResult({
        operatorType: 'utterance-classify',
        name: 'Agent Introduction',
        utteranceResults: [{ utterance_index: 0, text: utterance, matched_phrase: 'thank you for calling' }],
      }),
      normaliseResult({
        operatorType: 'extract-normalize',
        name: 'Call Back Date',
        normalizedResult: '2026-03-10',
        extractResults: { DATE: ['March 10th'] },
      }),
    ],
  };

  it('wraps long text to 80 columns under its section, and shows the normalised value', () => {
    const text = renderResults(report, makeStyle(false, true, 80));
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    const section = (title: string) => text.split('\n\n').find((part) => part.startsWith(title)) ?? '';
    const unwrap = (part: string) =>
      part
        .split('\n')
        .slice(1)
        .map((line) => line.trim())
        .join(' ');
    expect(unwrap(section('Conversation Summary'))).toBe(summary);
    expect(section('Agent Introduction')).toMatch(/^Agent Introduction {2}\(utterance-classify\)\n {2}INDEX +TEXT\n {2}0 {6}Thank you/);
    expect(unwrap(section('Agent Introduction')).replace(/^INDEX +TEXT 0 +/, '')).toBe(utterance);
    expect(section('Call Back Date')).toContain('\n  NORMALIZED  2026-03-10\n  LABEL  VALUE\n  DATE   March 10th');
  });
});
