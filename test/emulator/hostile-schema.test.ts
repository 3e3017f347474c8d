// The emulator refuses, like the API, a json_result_schema past Twilio's limits: before anything
// compiles it, so a catastrophic pattern or a schema nested 100,000 deep never reaches the engine.
import { describe, expect, it } from 'vitest';
import { useTestEmulator } from '../support/emulator.js';

describe('hostile operator configs in the emulator', () => {
  const emulator = useTestEmulator();

  async function createOperator(config: string) {
    const authorization = `Basic ${Buffer.from(`${emulator.accountSid}:${emulator.authToken}`).toString('base64')}`;
    const response = await fetch(`${emulator.url}/v2/Operators/Custom`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ FriendlyName: 'hostile', OperatorType: 'GenerativeJSON', Config: config }).toString(),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  it('answers 400 to a schema with a catastrophic pattern', async () => {
    const config = {
      prompt: 'extract the code',
      json_result_schema: { type: 'object', properties: { code: { type: 'string', pattern: '^(a+)+$' } } },
      examples: [{ input: 'the code is aaaa', output: JSON.stringify({ code: `${'a'.repeat(40)}!` }) }],
    };
    const { status, body } = await createOperator(JSON.stringify(config));
    expect(status).toBe(400);
    expect(body).toMatchObject({ code: 20001, status: 400 });
    expect(body.message).toMatch(/\/properties\/code\/pattern keyword "pattern" is not supported/);
  });

  it('answers 400 to a schema nested too deep, and to a Config nested 100,000 deep', async () => {
    let node: Record<string, unknown> = { type: 'string' };
    for (let level = 0; level < 8; level++) node = { type: 'object', properties: { next: node } };
    const deep = await createOperator(JSON.stringify({ prompt: 'p', json_result_schema: node }));
    expect(deep.status).toBe(400);
    expect(deep.body.message).toMatch(/nested 6 levels deep, at most 5 are supported/);

    const raw = `{"prompt":"p","json_result_schema":${'{"items":'.repeat(100_000)}{}${'}'.repeat(100_000)}}`;
    const deeper = await createOperator(raw);
    expect(deeper.status).toBe(400);
    expect(deeper.body.message).toBe('Invalid Config: not valid JSON');
  });
});
