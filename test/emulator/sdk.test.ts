// Drives the official twilio SDK against the emulator, every exchange checked against the spec.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, useTestEmulator } from '../support/emulator.js';
import { rejection, sdkClient } from '../support/sdk.js';
import { tempDir } from '../support/temp.js';
import { defined } from '../support/defined.js';

describe('Services through the official twilio SDK', () => {
  const emulator = useTestEmulator();
  let client: ReturnType<typeof sdkClient>;

  beforeAll(() => {
    client = sdkClient(emulator);
  });

  it('creates, lists across pages, fetches, updates and removes services', async () => {
    const names = ['alpha', 'bravo', 'charlie', 'delta', 'echo'];
    const created = [];
    for (const uniqueName of names) {
      created.push(await client.intelligence.v2.services.create({ uniqueName, friendlyName: `Service ${uniqueName}` }));
    }
    const alpha = defined(created[0]);
    const charlie = defined(created[2]);
    const echo = defined(created[4]);
    expect(alpha.sid).toMatch(/^GA[0-9a-f]{32}$/);
    expect(alpha.accountSid).toBe(emulator.accountSid);
    expect(alpha.languageCode).toBe('en-US');
    expect(alpha.version).toBe(1);
    expect(alpha.url).toBe(`${emulator.url}/v2/Services/${alpha.sid}`);

    const firstPage = await client.intelligence.v2.services.page({ pageSize: 2 });
    expect(firstPage.instances.map((service) => service.uniqueName)).toEqual(['alpha', 'bravo']);
    const secondPage = await firstPage.nextPage();
    expect(secondPage?.instances.map((service) => service.uniqueName)).toEqual(['charlie', 'delta']);
    const listed = await client.intelligence.v2.services.list({ pageSize: 2 });
    expect(listed.map((service) => service.uniqueName)).toEqual(names);

    const fetched = await client.intelligence.v2.services(charlie.sid).fetch();
    expect(fetched.uniqueName).toBe('charlie');
    expect(fetched.dateCreated).toBeInstanceOf(Date);

    const updated = await client.intelligence.v2.services(charlie.sid).update({
      friendlyName: 'renamed',
      autoRedaction: true,
      mediaRedaction: true,
      webhookUrl: 'https://example.com/hook',
      webhookHttpMethod: 'GET',
      ifMatch: '1',
    });
    expect(updated).toMatchObject({ friendlyName: 'renamed', autoRedaction: true, mediaRedaction: true, version: 2 });
    expect(updated.webhookHttpMethod).toBe('GET');

    const stale = await rejection(client.intelligence.v2.services(charlie.sid).update({ friendlyName: 'x', ifMatch: '1' }));
    expect(stale.status).toBe(412);
    expect(stale.code).toBe(20412);

    expect(await client.intelligence.v2.services(echo.sid).remove()).toBe(true);
    const gone = await rejection(client.intelligence.v2.services(echo.sid).fetch());
    expect(gone).toMatchObject({ status: 404, code: 20404 });
    expect((await client.intelligence.v2.services.list()).length).toBe(4);
  });

  it('answers a duplicate unique_name with 409 and a Twilio error body', async () => {
    await client.intelligence.v2.services.create({ uniqueName: 'taken' });
    const duplicate = await rejection(client.intelligence.v2.services.create({ uniqueName: 'taken' }));
    expect(duplicate.status).toBe(409);
    expect(duplicate.code).toBe(90101);
    expect(duplicate.message).toContain('taken');
    expect(duplicate.moreInfo).toBe('https://www.twilio.com/docs/errors/90101');
  });

  it('rejects wrong credentials with 401 code 20003', async () => {
    const intruder = sdkClient(emulator, emulator.accountSid, 'not-the-token');
    const denied = await rejection(intruder.intelligence.v2.services.list());
    expect(denied).toMatchObject({ status: 401, code: 20003, message: 'Authenticate' });
  });

  it('accepts an API key and secret', async () => {
    const withKey = sdkClient(emulator, emulator.apiKeySid, emulator.apiKeySecret);
    const service = await withKey.intelligence.v2.services.create({ uniqueName: 'via-api-key' });
    expect(service.accountSid).toBe(emulator.accountSid);
  });
});

describe('state file', () => {
  const directory = tempDir('ci-emulator-state-');
  const stateFile = join(directory, 'state.json');
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('keeps services across a restart', async () => {
    const first = await startTestEmulator({ stateFile });
    const created = await sdkClient(first).intelligence.v2.services.create({ uniqueName: 'persistent' });
    await sdkClient(first).intelligence.v2.services(created.sid).update({ friendlyName: 'still here' });
    await first.close();

    const second = await startTestEmulator({ stateFile });
    const client = sdkClient(second);
    const fetched = await client.intelligence.v2.services(created.sid).fetch();
    expect(fetched).toMatchObject({ uniqueName: 'persistent', friendlyName: 'still here', version: 2 });
    expect(fetched.url).toBe(`${second.url}/v2/Services/${created.sid}`); // URLs follow the new origin
    const another = await client.intelligence.v2.services.create({ uniqueName: 'second-run' });
    expect((await client.intelligence.v2.services.list()).map((service) => service.sid)).toEqual([created.sid, another.sid]);
    await second.close();

    expect([...first.violations, ...second.violations]).toEqual([]);
  });
});
