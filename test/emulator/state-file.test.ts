// The emulator's --state file: one emulator per file, reads never write, and nothing is
// acknowledged that could not be saved (issue 10 §2 and §9).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../support/emulator.js';
import { ci } from '../support/cli.js';

const directory = mkdtempSync(join(tmpdir(), 'ci-emulator-state-file-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

let fileCount = 0;
const freshStateFile = () => join(directory, `state-${++fileCount}.json`);

function call(emulator: TestEmulator, method: string, path: string, form?: string) {
  return fetch(`${emulator.url}${path}`, {
    method,
    headers: {
      authorization: `Basic ${Buffer.from(`${emulator.accountSid}:${emulator.authToken}`).toString('base64')}`,
      ...(form === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' }),
    },
    body: form,
  });
}

describe('the emulator state file', () => {
  it('refuses a second emulator on the same state file, naming the holder, until the first stops', async () => {
    const stateFile = freshStateFile();
    const first = await startTestEmulator({ stateFile });
    try {
      await expect(startTestEmulator({ stateFile })).rejects.toThrow(
        new RegExp(`state file ${stateFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is in use by another emulator \\(pid ${process.pid} `),
      );
    } finally {
      await first.close();
    }
    const second = await startTestEmulator({ stateFile });
    await second.close();
  });

  it('makes `ci emulator start` exit 2 on a state file another emulator holds', async () => {
    const stateFile = freshStateFile();
    const holder = await startTestEmulator({ stateFile });
    try {
      const result = await ci(['emulator', 'start', '--port', '0', '--no-profile', '--state', stateFile]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`the state file ${stateFile} is in use by another emulator (pid ${process.pid} `);
    } finally {
      await holder.close();
    }
  });

  it('takes over the lock of an emulator that died', async () => {
    const stateFile = freshStateFile();
    // A pid that cannot be running: above Linux's pid_max.
    writeFileSync(`${stateFile}.lock`, JSON.stringify({ pid: 2 ** 30, host: (await import('node:os')).hostname() }));
    const emulator = await startTestEmulator({ stateFile });
    await emulator.close();
    expect(existsSync(`${stateFile}.lock`)).toBe(false);
  });

  it('never writes the state file on a GET', async () => {
    const stateFile = freshStateFile();
    const emulator = await startTestEmulator({ stateFile });
    // Start-up saves Twilio's built-in v3 operators once; GETs must leave the file as it is.
    const atStart = readFileSync(stateFile, 'utf8');
    try {
      for (const path of [
        '/v2/Services',
        '/v2/Operators',
        `/2010-04-01/Accounts/${emulator.accountSid}/IncomingPhoneNumbers.json`,
        `/2010-04-01/Accounts/${emulator.accountSid}/IncomingPhoneNumbers/PN00000000000000000000000000000001.json`,
      ]) {
        expect((await call(emulator, 'GET', path)).status).toBe(200);
      }
      expect(readFileSync(stateFile, 'utf8')).toBe(atStart);

      expect((await call(emulator, 'POST', '/v2/Services', 'UniqueName=written')).status).toBe(201);
      const written = statSync(stateFile).mtimeMs;
      const contents = readFileSync(stateFile, 'utf8');
      expect((await call(emulator, 'GET', '/v2/Services')).status).toBe(200);
      expect((await call(emulator, 'GET', `/2010-04-01/Accounts/${emulator.accountSid}/IncomingPhoneNumbers.json`)).status).toBe(200);
      expect(statSync(stateFile).mtimeMs).toBe(written);
      expect(readFileSync(stateFile, 'utf8')).toBe(contents);
    } finally {
      await emulator.close();
    }
  });

  it('answers 500 with a Twilio error and rolls the change back when the state file cannot be saved', async () => {
    const stateFile = freshStateFile();
    const logged: string[] = [];
    const emulator = await startTestEmulator({ stateFile, log: (line) => logged.push(line) });
    try {
      expect((await call(emulator, 'POST', '/v2/Services', 'UniqueName=saved')).status).toBe(201);
      // A directory where the file should be: every later save fails.
      rmSync(stateFile);
      mkdirSync(join(stateFile, 'blocker'), { recursive: true });

      const refused = await call(emulator, 'POST', '/v2/Services', 'UniqueName=lost');
      expect(refused.status).toBe(500);
      expect(await refused.json()).toEqual({
        code: 20500,
        message: expect.stringContaining('could not be saved') as string,
        more_info: 'https://www.twilio.com/docs/errors/20500',
        status: 500,
      });
      expect(logged.some((line) => line.includes('could not save the state file'))).toBe(true);
      const listed = (await (await call(emulator, 'GET', '/v2/Services')).json()) as { services: Array<{ unique_name: string }> };
      expect(listed.services.map((service) => service.unique_name)).toEqual(['saved']);

      // Once the file can be written again, the same create succeeds: nothing half-applied was left behind.
      rmSync(stateFile, { recursive: true });
      expect((await call(emulator, 'POST', '/v2/Services', 'UniqueName=lost')).status).toBe(201);
    } finally {
      await emulator.close();
    }
    const restarted = await startTestEmulator({ stateFile });
    try {
      const listed = (await (await call(restarted, 'GET', '/v2/Services')).json()) as { services: Array<{ unique_name: string }> };
      expect(listed.services.map((service) => service.unique_name)).toEqual(['saved', 'lost']);
    } finally {
      await restarted.close();
    }
  });
});
