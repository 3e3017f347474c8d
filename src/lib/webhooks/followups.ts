// Work done for each verified webhook after it is answered: run a command, forward the request.
import { spawn } from 'node:child_process';
import type { Env } from '../context.js';
import type { VerifiedRequest } from './signed-server.js';

/**
 * Runs the user's command line through their shell (it is theirs to write), with the event only
 * in environment variables (`environment`): a crafted customer key can never become shell syntax.
 * The command's output goes to `output` (stderr) so the event stream on stdout stays parseable.
 */
export function runExec(command: string, environment: Record<string, string>, env: Env, output: NodeJS.WritableStream): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, { shell: true, env: { ...env, ...environment }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk: Buffer) => output.write(chunk));
    child.stderr.on('data', (chunk: Buffer) => output.write(chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

/**
 * Headers not passed on: those that describe one hop (RFC 9110 §7.6.1; the target gets its own) and
 * credentials meant for this receiver, which the target must never see.
 */
const DROPPED_HEADERS = new Set([
  'host',
  'connection',
  'content-length',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'authorization',
  'cookie',
]);

/** Dropped headers, plus any the Connection header names as hop-by-hop. */
function droppedHeaders(connection: string | string[] | undefined): Set<string> {
  const named = (Array.isArray(connection) ? connection.join(',') : (connection ?? '')).split(',').map((name) => name.trim().toLowerCase());
  return new Set([...DROPPED_HEADERS, ...named.filter(Boolean)]);
}

/** Sends the request as received (method, body, query, headers but those above) to `target`; returns its status. */
export async function forwardRequest(target: string, request: VerifiedRequest): Promise<number> {
  const url = new URL(target);
  const query = new URL(request.target, 'http://localhost').search;
  if (query) url.search = url.search ? `${url.search}&${query.slice(1)}` : query;
  const headers: Record<string, string> = {};
  const dropped = droppedHeaders(request.headers.connection);
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined && !dropped.has(name)) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  const response = await fetch(url, {
    method: request.method,
    headers,
    body: request.method === 'GET' ? undefined : request.body,
    signal: AbortSignal.timeout(30_000),
  });
  await response.body?.cancel();
  return response.status;
}
