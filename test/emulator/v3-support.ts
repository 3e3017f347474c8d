// Shared by the v3 emulator tests: the SDK's v3 client, the emulator's own v3 endpoints, and raw requests
// for what the SDK does not expose (see the notes on runRule and rawResults).
import type { RunningEmulator } from '../../src/emulator/index.js';
import { sdkClient } from '../support/sdk.js';

export type Client = ReturnType<typeof sdkClient>;
export type OperatorBody = Parameters<Client['intelligence']['v3']['operators']['create']>[0];

/**
 * The SDK types an operator's `outputSchema` and a rule operator's `parameters` as Record<string, object>,
 * which neither a JSON Schema (`type: 'object'` is a string) nor parameter values (5, 'plain') satisfy:
 * the one cast callers need.
 */
export function sdkObject(value: Record<string, unknown>): Record<string, object> {
  return value as Record<string, object>;
}

export const SENTIMENT_OPERATOR_ID = 'intelligence_operator_00twiliosentiment000000000';
export const SUMMARY_OPERATOR_ID = 'intelligence_operator_00twiliosummary00000000000';

/** Any host: the test httpClient sends every SDK request to the emulator. */
const API = 'https://intelligence.twilio.com';

export interface RawResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

/** A request outside the SDK (the emulator's own endpoints; bodies the SDK would never send). */
export async function raw(
  emulator: RunningEmulator,
  method: string,
  path: string,
  body?: string,
  contentType = 'application/json',
): Promise<RawResponse> {
  const response = await fetch(`${emulator.url}${path}`, {
    method,
    headers: {
      authorization: `Basic ${Buffer.from(`${emulator.accountSid}:${emulator.authToken}`).toString('base64')}`,
      ...(body === undefined ? {} : { 'content-type': contentType }),
    },
    body,
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

export interface Seeded {
  conversationId: string;
  conversationConfigurationId: string;
  memoryStoreId: string | null;
}

/** POST /emulator/v3/Conversations (see docs/v3.md). */
export async function seedConversation(emulator: RunningEmulator, body: Record<string, unknown>): Promise<Seeded> {
  const response = await raw(emulator, 'POST', '/emulator/v3/Conversations', JSON.stringify(body));
  if (response.status !== 201) throw new Error(`seeding failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as Seeded;
}

export async function setVersionStatus(
  emulator: RunningEmulator,
  operatorId: string,
  version: number,
  status: string,
): Promise<RawResponse> {
  return raw(emulator, 'POST', `/emulator/v3/Operators/${operatorId}/Versions/${version}`, JSON.stringify({ status }));
}

export interface RuleRun {
  intelligenceConfigurationId: string;
  ruleId: string;
  conversationId: string;
  rule?: { operators: { id: string; parameters: Record<string, unknown> }[] };
}

/**
 * POST /v3/RuleExecutions through the SDK's own request path. `client.intelligence.v3.ruleExecutions.create()`
 * cannot be used: the spec's 202 has no body and twilio-node 6.3.1 JSON.parses it ("Unexpected end of JSON
 * input"), so it rejects although the execution ran (v3-executions.test.ts shows it).
 */
export async function runRule(client: Client, run: RuleRun): Promise<{ statusCode: number; body: unknown }> {
  // client.request() resolves on any status (it is not a resource method): callers check statusCode.
  const response = (await client.request({
    method: 'post',
    uri: `${API}/v3/RuleExecutions`,
    data: run,
    headers: { 'Content-Type': 'application/json' },
  })) as { statusCode: number; body: unknown };
  return { statusCode: response.statusCode, body: response.body };
}

/**
 * Operator results as the API sends them. The SDK's OperatorResultInstance keeps only `result.entities`
 * (it maps every result as an ExtractionResult), so TEXT's `text`, CLASSIFICATION's `label` and JSON's
 * fields are lost; callers read the raw body instead.
 */
export async function rawResults(client: Client, query: Record<string, string>): Promise<Record<string, unknown>[]> {
  const response = (await client.request({ method: 'get', uri: `${API}/v3/OperatorResults`, params: query })) as {
    body: { items: Record<string, unknown>[] };
  };
  return response.body.items;
}

/**
 * The SDK's operator.d.ts declares a payload class and a resource-context interface both named OperatorContext;
 * they merge, so `context: { memory: { enabled: true } }` does not type-check without this cast.
 */
export function sdkOperatorContext(flags: { memory?: { enabled: boolean }; knowledge?: { enabled: boolean } }): OperatorBody['context'] {
  return flags as OperatorBody['context'];
}

export const webhook = (url = 'https://example.com/hook') => ({ type: 'WEBHOOK' as const, method: 'POST' as const, url });
