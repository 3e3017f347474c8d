// The emulator's signer is pinned to Twilio's published example, not to the SDK it is meant to check.
import { describe, expect, it } from 'vitest';
import { parseTwiml, twilioSignature, urlWithBodySha256 } from '../../src/emulator/index.js';
import { loadSignatureValidators } from '../../src/lib/client.js';

const TOKEN = '12345';
const URL_ = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const PARAMS = { CallSid: 'CA1234567890ABCDE', Caller: '+14158675309', Digits: '1234', From: '+14158675309', To: '+18005551212' };
const PUBLISHED_SIGNATURE = 'RSOYDt4T1cUTdK1PDd93/VVr8B8=';

describe('the emulator signs as Twilio documents', () => {
  it("reproduces Twilio's published example, whatever the parameter order", () => {
    expect(twilioSignature(TOKEN, URL_, PARAMS)).toBe(PUBLISHED_SIGNATURE);
    const reversed = Object.fromEntries(Object.entries(PARAMS).reverse());
    expect(twilioSignature(TOKEN, URL_, reversed)).toBe(PUBLISHED_SIGNATURE);
  });

  it('agrees with the SDK validator the CLI uses, for forms, repeated names and JSON bodies', async () => {
    const { validateRequest, validateRequestWithBody } = await loadSignatureValidators();
    expect(validateRequest(TOKEN, PUBLISHED_SIGNATURE, URL_, PARAMS)).toBe(true);
    const repeated = { Tags: ['b', 'a'], Name: 'ü∂ 日本' };
    expect(validateRequest(TOKEN, twilioSignature(TOKEN, URL_, repeated), URL_, repeated)).toBe(true);
    const body = JSON.stringify({ event_type: 'voice_intelligence_transcript_available' });
    const signedUrl = urlWithBodySha256('https://example.com/hook', body);
    expect(validateRequestWithBody(TOKEN, twilioSignature(TOKEN, signedUrl), signedUrl, body)).toBe(true);
    expect(validateRequestWithBody(TOKEN, twilioSignature(TOKEN, signedUrl), signedUrl, `${body} `)).toBe(false);
  });
});

describe("the emulator's TwiML reader", () => {
  it('reads verbs, attributes, entities and nesting, and refuses what is not TwiML', () => {
    const verbs = parseTwiml(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Say voice="woman">a &amp; b</Say><Gather input=\'speech\'><Say>nested</Say></Gather><Hangup/></Response>',
    );
    expect(verbs.map((verb) => verb.name)).toEqual(['Say', 'Gather', 'Hangup']);
    expect(verbs[0]).toMatchObject({ attributes: { voice: 'woman' }, text: 'a & b' });
    expect(verbs[1]?.children[0]).toMatchObject({ name: 'Say', text: 'nested' });
    expect(() => parseTwiml('{"ok":true}')).toThrow(/unreadable XML|Response/);
    expect(() => parseTwiml('<Response><Say></Response>')).toThrow(/closes <Say>/);
    expect(() => parseTwiml('<Other/>')).toThrow(/one <Response> root/);
  });
});

describe('transcript webhooks from the emulator', () => {
  it('stay on this machine unless remote delivery is allowed', async () => {
    const { notifyTranscriptAvailable, isLoopbackUrl } = await import('../../src/emulator/index.js');
    expect(isLoopbackUrl('http://127.0.0.1:4000/hook')).toBe(true);
    expect(isLoopbackUrl('http://localhost/hook')).toBe(true);
    expect(isLoopbackUrl('https://example.com/hook')).toBe(false);
    const lines: string[] = [];
    const transcript = {
      sid: 'GT' + '0'.repeat(32),
      account_sid: 'AC' + '0'.repeat(32),
      service_sid: 'GA' + '0'.repeat(32),
      customer_key: null,
    };
    await notifyTranscriptAvailable({ webhook_url: 'https://example.com/hook', webhook_http_method: 'POST' }, transcript, 'token', (line) =>
      lines.push(line),
    );
    expect(lines).toEqual([expect.stringMatching(/not sent to https:\/\/example\.com\/hook: not a loopback address/)]);
  });
});
