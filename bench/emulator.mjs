// The emulator under load (issue 15): creates per second as the store grows (1k … 200k stored
// transcripts; target flat within ±20 %), GET /v2/Services against a bare node:http server sending
// the same body (target ≥ 0.5×), memory per stored transcript, and a full walk of a 200k listing.
// Servers run in a child process (the load generator must not share their core); the load is
// 8 keep-alive connections, a warm-up, then the median of several windows. Numbers are printed, never asserted.
//
//   node bench/emulator.mjs [--quick] [--only creates|services|memory] [--profile DIR]   (after `npm run build`)
//   BENCH_EMULATOR_MODULE=/path/to/dist/emulator/index.js  measures another build (e.g. before a change)
import { fork } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { Agent, createServer, request } from 'node:http';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SELF = fileURLToPath(import.meta.url);
const MODULE = resolve(process.env.BENCH_EMULATOR_MODULE ?? fileURLToPath(new URL('../dist/emulator/index.js', import.meta.url)));
const args = process.argv.slice(2);
const QUICK = args.includes('--quick');
const PROFILE_DIR = args.includes('--profile') ? resolve(args[args.indexOf('--profile') + 1] ?? 'profiles') : undefined;
/** --only creates|services|memory */
const ONLY = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const CONNECTIONS = 8;
const WARM_UP_MS = QUICK ? 500 : 1500;
/**
 * The create path keeps getting faster for seconds (a fresh 1k store: 9.5k, 13.9k, 18.4k creates per 3 s window), so it
 * is warmed up longer, on an empty emulator in the same process: the measured store keeps the size it was seeded with.
 */
const CREATE_WARM_UP_MS = QUICK ? 500 : 8000;
const WINDOW_MS = QUICK ? 500 : 1000;
const WINDOWS = QUICK ? 3 : 5;
const STORE_SIZES = QUICK ? [1_000, 10_000] : [1_000, 10_000, 50_000, 200_000];
/** Recordings for creates: more than any run can use at ~5k creates/s. */
const CATALOGUE = QUICK ? 20_000 : 60_000;

// ---------------------------------------------------------------------------------------------
// Child: one server, reporting its URL, answering memory questions over IPC.
if (args[0] === '--serve') {
  const [, kind, seed, body] = args;
  const server = kind === 'bare' ? await bareServer(body) : await emulatorServer(Number(seed), kind === 'emulator-with-recordings');
  process.send({ ready: server });
  let peakRss = 0;
  setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50).unref();
  process.on('message', (message) => {
    if (message === 'memory') {
      globalThis.gc?.();
      process.send({ memory: { ...process.memoryUsage(), peakRss } });
    }
    if (message === 'cpu') process.send({ cpu: process.cpuUsage() });
    if (message === 'exit') process.exit(0);
  });
} else {
  await main();
}

async function emulatorServer(seed, withRecordings) {
  const { startEmulator, generatedRecordings } = await import(MODULE);
  const recordings = withRecordings ? generatedRecordings(CATALOGUE) : [];
  // Created transcripts stay queued: this measures the API server, not the analysis engine.
  const start = (seedTranscripts) => startEmulator({ seedTranscripts, recordings, transcribeDelayMs: 3_600_000 });
  const emulator = await start(seed);
  // A second, empty emulator in the same process, for a warm-up that leaves the measured store as it was seeded.
  const warmUp = withRecordings ? await start(0) : undefined;
  return { url: emulator.url, warmUpUrl: warmUp?.url, user: emulator.accountSid, secret: emulator.authToken };
}

async function bareServer(body) {
  const server = createServer((_, response) => {
    response.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
    response.end(body);
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${server.address().port}`, user: '', secret: '' };
}

// ---------------------------------------------------------------------------------------------
// Parent: the load generator.
function startChild(kind, seed = 0, body = '', profileName = undefined) {
  const execArgv = ['--expose-gc'];
  if (PROFILE_DIR && profileName) execArgv.push('--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`, `--cpu-prof-name=${profileName}.cpuprofile`);
  const child = fork(SELF, ['--serve', kind, String(seed), body], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const next = (key) => new Promise((done) => child.once('message', (message) => done(message[key])));
  return new Promise((ready) =>
    next('ready').then((server) => {
      const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
      const auth = server.user ? `Basic ${Buffer.from(`${server.user}:${server.secret}`).toString('base64')}` : undefined;
      const warmUpAgent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
      ready({
        ...server,
        call: (method, path, form) => call(agent, auth, server.url, method, path, form),
        warmUp: {
          call: (method, path, form) => call(warmUpAgent, auth, server.warmUpUrl, method, path, form),
          cpu: () => Promise.resolve({ user: 0, system: 0 }),
        },
        memory: () => (child.send('memory'), next('memory')),
        cpu: () => (child.send('cpu'), next('cpu')),
        stop: () => new Promise((done) => (child.once('exit', done), agent.destroy(), warmUpAgent.destroy(), child.send('exit'))),
      });
    }),
  );
}

function call(agent, auth, base, method, path, form) {
  return new Promise((done, fail) => {
    const body = form === undefined ? undefined : new URLSearchParams(form).toString();
    const headers = { ...(auth ? { Authorization: auth } : {}), ...(body ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}) };
    const outgoing = request(`${base}${path}`, { method, agent, headers }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => done({ status: response.statusCode, text: Buffer.concat(chunks).toString('utf8') }));
    });
    outgoing.on('error', fail);
    outgoing.end(body);
  });
}

/**
 * CONNECTIONS loops sending `next()` requests back to back for `ms`: requests per second, and the server's CPU
 * time per request (µs; machine load slows the rate, much less the CPU each request costs).
 */
async function measureWindow(server, next, ms) {
  let count = 0;
  let failures = 0;
  let running = true;
  const loop = async () => {
    while (running) {
      const { method, path, form } = next();
      const { status } = await server.call(method, path, form);
      if (status >= 300) failures++;
      count++;
    }
  };
  const [cpuBefore, startedAt] = [await server.cpu(), performance.now()];
  const loops = Array.from({ length: CONNECTIONS }, loop);
  await sleep(ms);
  running = false;
  await Promise.all(loops);
  const [cpuAfter, elapsed] = [await server.cpu(), performance.now() - startedAt];
  const cpuMicros = cpuAfter.user + cpuAfter.system - cpuBefore.user - cpuBefore.system;
  return { perSecond: (count * 1000) / elapsed, cpuPerRequest: cpuMicros / count, failures };
}

/** A warm-up, then the median of WINDOWS windows. */
async function rate(server, next) {
  await measureWindow(server, next, WARM_UP_MS);
  const windows = [];
  for (let i = 0; i < WINDOWS; i++) windows.push(await measureWindow(server, next, WINDOW_MS));
  return { median: median(windows.map((w) => w.perSecond)), failures: windows.reduce((sum, w) => sum + w.failures, 0) };
}

/** Spread of a series: slowest vs fastest, as the target reads it. */
function spreadText(values) {
  const [low, high] = [Math.min(...values), Math.max(...values)];
  return `slowest vs fastest ${(low / high).toFixed(2)}× (spread ${((high / low - 1) * 100).toFixed(0)} %)`;
}

async function createRates() {
  console.log(
    `creates per second by stored transcripts (target: flat within ±20 %; ${CONNECTIONS} connections; all stores up at once, ` +
      `warmed up on an empty twin, their ${WINDOWS} × ${WINDOW_MS} ms windows interleaved so machine noise hits each alike; medians)`,
  );
  const stores = [];
  for (const size of STORE_SIZES) {
    const server = await startChild('emulator-with-recordings', size, '', `create-${size}`);
    const creates = async (target) => {
      const service = JSON.parse((await target.call('POST', '/v2/Services', { UniqueName: 'bench' })).text).sid;
      let recording = 0;
      return () => ({
        method: 'POST',
        path: '/v2/Transcripts',
        form: {
          ServiceSid: service,
          Channel: JSON.stringify({ media_properties: { source_sid: `RE${(++recording).toString(16).padStart(32, '0')}` } }),
        },
      });
    };
    await measureWindow(server.warmUp, await creates(server.warmUp), CREATE_WARM_UP_MS);
    stores.push({ size, server, next: await creates(server), windows: [] });
  }
  for (let i = 0; i < WINDOWS; i++)
    for (const store of i % 2 ? [...stores].reverse() : stores)
      store.windows.push(await measureWindow(store.server, store.next, WINDOW_MS));
  const rates = [];
  const costs = [];
  for (const { size, server, windows } of stores) {
    await server.stop();
    const [perSecond, cpu] = [median(windows.map((w) => w.perSecond)), median(windows.map((w) => w.cpuPerRequest))];
    const failures = windows.reduce((sum, w) => sum + w.failures, 0);
    rates.push(perSecond);
    costs.push(cpu);
    console.log(
      `  ${String(size).padStart(7)} stored: ${perSecond.toFixed(0).padStart(6)} creates/s, server CPU ${cpu.toFixed(0).padStart(4)} µs/create` +
        (failures ? ` (${failures} failed)` : ''),
    );
  }
  console.log(`  creates/s: ${spreadText(rates)}; server CPU per create: ${spreadText(costs.map((cost) => 1 / cost))}`);
}

async function servicesThroughput() {
  const emulator = await startChild('emulator', 0, '', 'services-list');
  for (let i = 0; i < 3; i++) await emulator.call('POST', '/v2/Services', { UniqueName: `bench-${i}` });
  const body = (await emulator.call('GET', '/v2/Services')).text;
  const list = () => ({ method: 'GET', path: '/v2/Services' });
  const bare = await startChild('bare', 0, body);
  // Interleaved, so machine noise hits both alike.
  const ours = [];
  const theirs = [];
  for (let round = 0; round < 3; round++) {
    ours.push((await rate(emulator, list)).median);
    theirs.push((await rate(bare, list)).median);
  }
  await emulator.stop();
  await bare.stop();
  const [a, b] = [median(ours), median(theirs)];
  console.log(`GET /v2/Services (${body.length} bytes; target ≥ 0.5× bare node:http)`);
  console.log(`  emulator ${a.toFixed(0)} req/s, bare node:http ${b.toFixed(0)} req/s: ${(a / b).toFixed(2)}×`);
}

async function memoryPerTranscript() {
  console.log('memory per stored transcript (seeded, completed; heap after gc)');
  const empty = await startChild('emulator', 0);
  const base = await empty.memory();
  await empty.stop();
  for (const size of QUICK ? [10_000] : [50_000, 200_000]) {
    const server = await startChild('emulator', size);
    const memory = await server.memory();
    const walk = await walkList(server);
    const after = await server.memory();
    await server.stop();
    const perHeap = (memory.heapUsed - base.heapUsed) / size;
    const perRss = (memory.rss - base.rss) / size;
    console.log(
      `  ${String(size).padStart(7)}: ${perHeap.toFixed(0)} B heap, ${perRss.toFixed(0)} B RSS per transcript; RSS ${mib(memory.rss)}`,
    );
    console.log(
      `           full walk of the list (PageSize 1000): ${walk.pages} pages in ${walk.seconds.toFixed(2)} s, peak RSS ${mib(after.peakRss)}`,
    );
  }
}

async function walkList(server) {
  const started = performance.now();
  let pages = 0;
  let path = '/v2/Transcripts?PageSize=1000';
  while (path) {
    const page = JSON.parse((await server.call('GET', path)).text);
    pages++;
    path = page.meta.next_page_url && new URL(page.meta.next_page_url).pathname + new URL(page.meta.next_page_url).search;
  }
  return { pages, seconds: (performance.now() - started) / 1000 };
}

/** Self time per function of a .cpuprofile, the top `count`. */
function topFrames(file, count = 8) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  profile.samples.forEach((id, i) => {
    const { functionName, url, lineNumber } = byId.get(id).callFrame;
    const key = `${functionName || '(anonymous)'} ${url.split('/').slice(-2).join('/')}:${lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([key, micros]) => `${((micros / total) * 100).toFixed(1).padStart(5)} %  ${key}`);
}

function printProfiles() {
  for (const file of readdirSync(PROFILE_DIR).filter((name) => name.endsWith('.cpuprofile'))) {
    console.log(`top frames by self time: ${file}`);
    for (const line of topFrames(join(PROFILE_DIR, file))) console.log(`  ${line}`);
  }
}

export async function benchEmulator() {
  console.log(`emulator: ${MODULE}`);
  const parts = { creates: createRates, services: servicesThroughput, memory: memoryPerTranscript };
  for (const [name, part] of Object.entries(parts)) if (!ONLY || ONLY === name) await part();
  if (PROFILE_DIR) printProfiles();
}

async function main() {
  if (import.meta.url === `file://${process.argv[1]}`) await benchEmulator();
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function mib(bytes) {
  return `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
}

function sleep(ms) {
  return new Promise((done) => setTimeout(done, ms));
}
