import type { Server } from 'node:http';
import { Faults, type FaultOptions } from './faults.js';
import { createEmulatorServer, type Exchange } from './server.js';
import { Stats, type StatsSnapshot } from './stats.js';
import { Store } from './store.js';
import { notifyTranscriptAvailable } from './transcripts/webhook.js';
import { BUILT_IN_RECORDINGS, RecordingCatalogue, type CatalogueRecording } from './transcripts/recordings.js';
import { seedTranscripts } from './transcripts/seed.js';
import { addTwilioOperators } from './v3/operators/records.js';
import { WebhookDispatcher } from './conversations/webhooks.js';
import { Transcriber, type TranscriptCompletedHook } from './transcripts/transcriber.js';
import { resumeTranscriptions } from './voice/worker.js';

/** Time a transcript takes from queued to completed unless told otherwise. */
const DEFAULT_TRANSCRIBE_DELAY_MS = 1500;

/** Fixed, documented test credentials: the emulator accepts these unless told otherwise. */
export const DEFAULT_ACCOUNT_SID = 'AC00000000000000000000000000000001';
export const DEFAULT_AUTH_TOKEN = 'emulator-auth-token';
export const DEFAULT_API_KEY_SID = 'SK00000000000000000000000000000001';
export const DEFAULT_API_KEY_SECRET = 'emulator-api-key-secret';

export interface EmulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  accountSid?: string;
  authToken?: string;
  apiKeySid?: string;
  apiKeySecret?: string;
  /**
   * JSON file: loaded on start if present, saved atomically after every change (before the change is
   * acknowledged), locked (`<file>.lock`) while the emulator runs: a second emulator on it refuses to start.
   */
  stateFile?: string;
  /** The emulator's own log lines (e.g. internal errors, failed saves); default: discarded. */
  log?: (line: string) => void;
  /** Called after every response; tests validate the exchange against Twilio's OpenAPI. */
  observe?: (exchange: Exchange) => void;
  /** Time from transcript create to completed; default DEFAULT_TRANSCRIBE_DELAY_MS. */
  transcribeDelayMs?: number;
  /** The recordings catalogue; default the built-in support calls (see docs/transcripts.md). */
  recordings?: CatalogueRecording[];
  /** Deliver service and rule-execution webhooks to non-loopback hosts too; default false (loopback only). */
  remoteWebhooks?: boolean;
  /** Called when a transcript completes, after its results are stored (the service's signed webhook is sent regardless). */
  onTranscriptCompleted?: TranscriptCompletedHook;
  /** Injected latency and failures (docs/reliability.md); default none. */
  faults?: FaultOptions;
  /** Completed transcripts to create at start, for list and paging benchmarks. */
  seedTranscripts?: number;
}

export interface RunningEmulator {
  /** e.g. http://127.0.0.1:4010 */
  url: string;
  port: number;
  host: string;
  accountSid: string;
  authToken: string;
  apiKeySid: string;
  apiKeySecret: string;
  /** What the emulator did so far (also served at GET /emulator/stats). */
  stats(): StatsSnapshot;
  /** Stops listening, drops open connections, waits for the last state-file write and releases its lock. */
  close(): Promise<void>;
}

type Credentials = Pick<RunningEmulator, 'accountSid' | 'authToken' | 'apiKeySid' | 'apiKeySecret'>;

/** The parts of a running emulator that outlive one request. */
interface Engine {
  store: Store;
  stats: Stats;
  dispatcher: WebhookDispatcher;
  transcriber: Transcriber;
}

function credentialsOf(options: EmulatorOptions): Credentials {
  return {
    accountSid: options.accountSid ?? DEFAULT_ACCOUNT_SID,
    authToken: options.authToken ?? DEFAULT_AUTH_TOKEN,
    apiKeySid: options.apiKeySid ?? DEFAULT_API_KEY_SID,
    apiKeySecret: options.apiKeySecret ?? DEFAULT_API_KEY_SECRET,
  };
}

/** The store, its webhook dispatcher and the transcriber, with the work a previous run left pending resumed. */
function startEngine(options: EmulatorOptions, credentials: Credentials, log: (line: string) => void): Engine {
  const stats = new Stats();
  // Rule-execution webhooks go out once the commit that queued them is saved (conversations/webhooks.ts).
  const store = new Store(options.stateFile, (collection, kind) => {
    stats.recordChange(collection, kind);
    dispatcher.changed(collection); // only ever called after a commit, once the dispatcher exists
  });
  const dispatcher = new WebhookDispatcher(store, {
    authToken: credentials.authToken,
    stats,
    log,
    remote: options.remoteWebhooks ?? false,
  });
  dispatcher.sendPending();
  const transcriber = new Transcriber(store, {
    delayMs: options.transcribeDelayMs ?? DEFAULT_TRANSCRIBE_DELAY_MS,
    catalogue: new RecordingCatalogue(options.recordings ?? BUILT_IN_RECORDINGS),
    onTranscriptCompleted: (transcript, service) => {
      void notifyTranscriptAvailable(service, transcript, credentials.authToken, log, options.remoteWebhooks);
      options.onTranscriptCompleted?.(transcript, service);
    },
    log,
  });
  transcriber.resumePending();
  resumeTranscriptions({ store, transcriber });
  return { store, stats, dispatcher, transcriber };
}

async function stopEngine({ transcriber, dispatcher, store }: Engine): Promise<void> {
  transcriber.close();
  dispatcher.close();
  await store.close();
}

/** Listens, and resolves with the port (the one picked, for port 0). */
async function listen(server: Server, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error(`the emulator on ${host} has no TCP port`);
  return address.port;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  const credentials = credentialsOf(options);
  const log = options.log ?? (() => {});
  const engine = startEngine(options, credentials, log);
  const { store, stats, transcriber } = engine;
  await store.commit(() => addTwilioOperators(store, credentials.accountSid));
  const seedCount = options.seedTranscripts;
  if (seedCount) await store.commit(() => seedTranscripts(store, credentials.accountSid, seedCount));
  const server = createEmulatorServer({
    credentials,
    store,
    stats,
    transcriber,
    faults: new Faults(options.faults ?? {}, (kind) => stats.recordFault(kind)),
    log,
    observe: options.observe,
  });
  let port: number;
  try {
    port = await listen(server, options.port ?? 0, host);
  } catch (error) {
    await stopEngine(engine);
    throw error;
  }
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    ...credentials,
    url: `http://${urlHost}:${port}`,
    port,
    host,
    stats: () => stats.toJSON(),
    async close() {
      engine.transcriber.close();
      engine.dispatcher.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await store.close();
    },
  };
}
