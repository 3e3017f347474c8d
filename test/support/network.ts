// Local stand-ins for what sits between ci and Twilio: an https server with a private CA (the fixture's
// self-signed certificate for api.proxied.test, localhost and 127.0.0.1) and an http proxy that tunnels
// CONNECT and forwards absolute-URL requests. All on port 0; each returns its own close().
import { createServer as createHttpServer, request, type IncomingHttpHeaders, type RequestListener, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const TLS_CERT_PATH = fileURLToPath(new URL('../fixtures/tls/server-cert.pem', import.meta.url));
const TLS_KEY_PATH = fileURLToPath(new URL('../fixtures/tls/server-key.pem', import.meta.url));
/** A host name no resolver knows (.test is reserved): only a proxy can reach it. */
export const PROXIED_HOST = 'api.proxied.test';

export interface Local {
  port: number;
  close(): Promise<void>;
}

async function listen(server: Server, sockets: Set<Socket>): Promise<Local> {
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** An http server; `connections` counts the TCP connections it accepted. */
export async function startHttp(handler: RequestListener): Promise<Local & { connections(): number }> {
  const server = createHttpServer(handler);
  let accepted = 0;
  server.on('connection', () => accepted++);
  return { ...(await listen(server, new Set())), connections: () => accepted };
}

/** An https server with the fixture certificate (for 127.0.0.1, localhost and api.proxied.test). */
export async function startHttps(handler: RequestListener): Promise<Local> {
  const server = createHttpsServer({ key: readFileSync(TLS_KEY_PATH), cert: readFileSync(TLS_CERT_PATH) }, handler);
  return listen(server, new Set());
}

/** A handler passing each request on to `base` (an http URL), as a TLS front of the emulator. */
export function forwardingTo(base: string): RequestListener {
  return (incoming, outgoing) => {
    const upstream = request(new URL(incoming.url ?? '/', base), { method: incoming.method, headers: incoming.headers }, (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    });
    upstream.on('error', () => outgoing.destroy());
    incoming.pipe(upstream);
  };
}

export interface SeenByProxy {
  method: string;
  target: string;
  headers: IncomingHttpHeaders;
}

/**
 * An http proxy: CONNECT opens a tunnel to 127.0.0.1:`tunnelPort` whatever host was asked for (so a test can
 * name a host that resolves nowhere); other requests are answered by `direct`. `refuse` answers every
 * CONNECT with that status instead.
 */
export async function startProxy(options: {
  tunnelPort?: number;
  direct?: RequestListener;
  refuse?: number;
}): Promise<Local & { seen: SeenByProxy[] }> {
  const seen: SeenByProxy[] = [];
  const server = createHttpServer((incoming, outgoing) => {
    seen.push({ method: incoming.method ?? '', target: incoming.url ?? '', headers: incoming.headers });
    if (options.direct) options.direct(incoming, outgoing);
    else outgoing.writeHead(502).end();
  });
  const sockets = new Set<Socket>();
  server.on('connect', (incoming, client: Socket) => {
    seen.push({ method: 'CONNECT', target: incoming.url ?? '', headers: incoming.headers });
    sockets.add(client);
    if (options.refuse !== undefined || options.tunnelPort === undefined) {
      client.end(`HTTP/1.1 ${options.refuse ?? 502} Refused\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    const upstream = connect(options.tunnelPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  return { ...(await listen(server, sockets)), seen };
}
