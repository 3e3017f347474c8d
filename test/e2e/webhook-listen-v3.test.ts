// `ci webhook listen` receives v3 rule-execution payloads from the emulator: a text conversation ingested with
// --close fires a CONVERSATION_END rule whose webhook points at the listener; the signed JSON payload is verified
// and printed, --fetch-results and --exec work for it, and a forged or tampered one is refused with 403.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sendSigned, twilioSignature, urlWithBodySha256 } from '../../src/emulator/index.js';
import { ci } from '../support/cli.js';
import { emulatorEnv } from '../support/ci-env.js';
import { useTestEmulator } from '../support/emulator.js';
import { startCi } from '../support/serve-ci.js';
import { tempDir } from '../support/temp.js';

const directory = tempDir('ci-webhook-v3-');
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('ci webhook listen with v3 rule executions', () => {
  const emulator = useTestEmulator();
  const env = () => emulatorEnv(emulator);

  it('verifies, prints, fetches the results of and runs --exec for a rule execution; refuses forged ones with 403', async () => {
    const out = join(directory, 'exec.txt');
    const script = `printf '%s|%s|%s|%s' "$EVENT_TYPE" "$CONVERSATION_ID" "$RULE_ID" "$OPERATOR_RESULT_IDS" > '${out}'`;
    const listener = await startCi(['webhook', 'listen', '--once', '--ndjson', '--fetch-results', '--exec', script], env());
    const url = String(listener.first.url);

    // Forged: no signature; a signature by another token; a signed payload whose body was changed on the way.
    const payload = {
      accountId: emulator.accountSid,
      conversationId: 'conv_conversation_x',
      intelligenceConfiguration: {},
      operatorResults: [],
    };
    const unsigned = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
    expect(unsigned.status).toBe(403);
    const otherToken = await sendSigned('not-the-token', { url, method: 'POST', params: {}, json: true, jsonBody: payload });
    expect(otherToken.status).toBe(403);
    // Signed right for one body, sent with another: bodySHA256 no longer matches.
    const signedUrl = urlWithBodySha256(url, JSON.stringify(payload));
    const tampered = await fetch(signedUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-twilio-signature': twilioSignature(emulator.authToken, signedUrl) },
      body: JSON.stringify({ ...payload, conversationId: 'conv_conversation_y' }),
    });
    expect(tampered.status).toBe(403);
    expect(listener.stderr()).toMatch(/refused POST/);

    const run = async (args: string[]) => {
      const result = await ci(args, { env: env() });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      return result.stdout;
    };
    await run(['configurations', 'create', '--name', 'end-of-call', '--operator', 'Sentiment Analysis', '--webhook', url, '--json']);
    await run(['conversations', 'configurations', 'create', '--name', 'calls', '--intelligence-configuration', 'end-of-call', '--json']);
    const transcript = join(directory, 'login.txt');
    writeFileSync(transcript, 'Agent: Thank you for calling.\nCustomer: We cannot log in to your account system.\n');
    const [ingested] = JSON.parse(await run(['conversations', 'ingest', transcript, '--configuration', 'calls', '--close', '--json'])) as {
      conversationId: string;
    }[];
    const conversationId = ingested?.conversationId ?? '';

    expect(await listener.exited).toBe(0);
    const lines = listener
      .stdout()
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const [execution, results] = lines;
    expect(execution).toMatchObject({
      event: 'rule-execution',
      accountId: emulator.accountSid,
      conversationId,
      intelligenceConfiguration: { displayName: 'end-of-call', version: 1 },
    });
    const operatorResults = execution?.operatorResults as { id: string; outputFormat: string; result: unknown }[];
    expect(operatorResults.map((result) => [result.outputFormat, result.result])).toEqual([['CLASSIFICATION', { label: 'MIXED' }]]);
    expect(results).toMatchObject({ event: 'results', conversationId });
    expect((results?.operatorResults as { id: string }[]).map((result) => result.id)).toEqual(operatorResults.map((result) => result.id));
    const ruleId = (execution?.intelligenceConfiguration as { ruleId: string }).ruleId;
    expect(readFileSync(out, 'utf8')).toBe(`rule_execution|${conversationId}|${ruleId}|${operatorResults[0]?.id ?? ''}`);
  });
});
