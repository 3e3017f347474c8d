// Rule executions and their operator results, through the SDK's client.request(): twilio-node 6.3.1's
// ruleExecutions.create() JSON-parses the spec's empty 202 and rejects although the rule ran, and its
// OperatorResultInstance keeps only `result.entities`, losing TEXT/JSON/CLASSIFICATION results.
import type { Twilio } from 'twilio';
import { ApiError } from '../errors.js';

const API = 'https://intelligence.twilio.com/v3';

export interface OperatorResult {
  id: string;
  outputFormat?: string;
  operator?: { id?: string; version?: number };
  intelligenceConfiguration?: { id?: string; ruleId?: string };
  conversationId?: string;
  result?: Record<string, unknown>;
  dateCreated?: string;
  [key: string]: unknown;
}

interface RawResponse {
  statusCode: number;
  body: unknown;
}

function failed(response: RawResponse, what: string): ApiError {
  const body = typeof response.body === 'string' ? safeJson(response.body) : response.body;
  const message = typeof body === 'object' && body !== null && 'message' in body ? String(body.message) : `HTTP ${response.statusCode}`;
  return new ApiError(`${what}: ${message}`, { status: response.statusCode });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** POST /v3/RuleExecutions: 202 when the rule was accepted to run on the conversation. */
export async function runRule(
  client: Twilio,
  run: { intelligenceConfigurationId: string; ruleId: string; conversationId: string },
): Promise<void> {
  const response = (await client.request({
    method: 'post',
    uri: `${API}/RuleExecutions`,
    data: run,
    headers: { 'Content-Type': 'application/json' },
  })) as RawResponse;
  if (response.statusCode !== 202) throw failed(response, 'the rule execution was refused');
}

/** The operator results of a conversation as the API returns them, every page. */
export async function listOperatorResults(client: Twilio, filters: Record<string, string>): Promise<OperatorResult[]> {
  const results: OperatorResult[] = [];
  let pageToken: string | undefined;
  do {
    const response = (await client.request({
      method: 'get',
      uri: `${API}/OperatorResults`,
      params: { ...filters, pageSize: 1000, ...(pageToken ? { pageToken } : {}) },
    })) as RawResponse;
    if (response.statusCode !== 200) throw failed(response, 'listing operator results failed');
    const body = (typeof response.body === 'string' ? safeJson(response.body) : response.body) as {
      items?: OperatorResult[];
      meta?: { nextToken?: string };
    };
    results.push(...(body.items ?? []));
    pageToken = body.meta?.nextToken;
  } while (pageToken);
  return results;
}

const textOf = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value ?? ''));

/** One result as a person reads it, by its output format. */
export function renderResult(result: OperatorResult, operatorName: string): string {
  const value = result.result ?? {};
  const heading = `${operatorName}@${result.operator?.version ?? '?'} (${result.outputFormat ?? 'unknown'})`;
  switch (result.outputFormat) {
    case 'TEXT':
      return `${heading}\n  ${textOf(value.text)}`;
    case 'CLASSIFICATION':
      return `${heading}\n  ${textOf(value.label)}`;
    case 'EXTRACTION': {
      const entities = Array.isArray(value.entities) ? (value.entities as unknown[]) : [];
      return [heading, ...entities.map((entity) => `  - ${JSON.stringify(entity)}`)].join('\n');
    }
    default:
      return [
        heading,
        ...Object.entries(value).map(([key, field]) => `  ${key}: ${typeof field === 'string' ? field : JSON.stringify(field)}`),
      ].join('\n');
  }
}
