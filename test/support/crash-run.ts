// kill -9 of a ci run right after its k-th create is answered, then reruns on the same --state until one
// exits 0: the loop the bulk crash tests (and any other resumable run) share. In-process, a kill is
// simulated and takes milliseconds; as a real process (bin/ci.js, SIGKILL) it checks the simulation.
//
// The simulated kill abandons the run at once: its connections to the emulator are cut and no new one
// can open (a proxy between them closes), the journal's disk ignores everything the run does after it,
// and what the run prints after it is not kept. A journal write that had not completed, or was not
// fdatasync'd, is lost, as a power cut would lose it (a real kill -9 keeps what reached the page cache,
// so this is the harder case); at most a torn part of its first line remains.
import { hostname } from 'node:os';
import { createServer, connect, type Socket } from 'node:net';
import type { Exchange } from '../../src/emulator/index.js';
import type { Appender, JournalFiles } from '../../src/lib/adapters/journal.js';
import { startCi } from './cli.js';
import type { CiResult } from './run-ci.js';
import { spawnCi } from './run-ci.js';

/**
 * `in-process`: every run in-process, kills simulated. `process`: a run to be killed is bin/ci.js, killed by
 * SIGKILL, and the reruns after it run in-process on the same real files (the recovery is the same code).
 */
export type CrashMode = 'in-process' | 'process';

export interface CrashRunOptions {
  /** ci's arguments, the same for every run; they name the --state file. */
  args: string[];
  /** Environment pointing ci at the emulator (emulatorEnv). */
  env: Record<string, string | undefined>;
  /** Run i is killed right after its killPoints[i]-th create is answered; later runs are left to finish. */
  killPoints: number[];
  /** Give up after this many runs. */
  maxRuns: number;
  mode: CrashMode;
}

export interface CrashRuns {
  /** Every run, in order; a killed run has code null (as a process killed by a signal has). */
  runs: CiResult[];
  last: CiResult;
  /** The kill points and exit codes, for assertion messages. */
  summary: string;
}

/** The emulator's side of a crash test: hand `observe` to startTestEmulator, then `runUntilDone`. */
export interface CrashTest {
  observe: (exchange: Exchange) => void;
  runUntilDone(options: CrashRunOptions): Promise<CrashRuns>;
  /** The simulated disk of the in-process runs (what their --state file holds, as a later run reads it). */
  disk: SimulatedDisk;
}

/**
 * A crash test whose kill point is the emulator answering an exchange `isCreate` accepts (say
 * `POST /v2/Transcripts` → 202); `random` (seeded) decides how much of a write cut off by a kill is torn onto disk.
 */
export function crashTest(isCreate: (exchange: Exchange) => boolean, random: () => number): CrashTest {
  let creates = 0;
  let killAt = Infinity;
  let kill: (() => void) | undefined;
  const disk = new SimulatedDisk(random);
  const observe = (exchange: Exchange) => {
    if (isCreate(exchange) && ++creates === killAt) kill?.();
  };

  async function runUntilDone({ args, env, killPoints, maxRuns, mode }: CrashRunOptions): Promise<CrashRuns> {
    const runs: CiResult[] = [];
    for (let index = 0; index < maxRuns; index++) {
      creates = 0;
      killAt = killPoints[index] ?? Infinity;
      const run =
        mode === 'in-process' ? await inProcessRun(args, env, disk) : killAt === Infinity ? rerun(args, env) : spawnedRun(args, env);
      kill = run.kill;
      const result = await run.result;
      kill = undefined;
      runs.push(result);
      if (result.code === 0) break;
    }
    const summary = `killed after creates ${JSON.stringify(killPoints)}, exit codes ${JSON.stringify(runs.map((run) => run.code))}`;
    const last = runs.at(-1);
    if (!last) throw new Error('maxRuns must be at least 1');
    return { runs, last, summary };
  }

  return { observe, runUntilDone, disk };
}

interface KillableRun {
  kill: () => void;
  result: Promise<CiResult>;
}

function spawnedRun(args: string[], env: Record<string, string | undefined>): KillableRun {
  const running = spawnCi(args, { env });
  return { kill: () => running.child.kill('SIGKILL'), result: running.result };
}

/** A run on the real files that nobody kills. */
function rerun(args: string[], env: Record<string, string | undefined>): KillableRun {
  return { kill: () => undefined, result: startCi(args, { env }).result };
}

async function inProcessRun(args: string[], env: Record<string, string | undefined>, disk: SimulatedDisk): Promise<KillableRun> {
  const target = new URL(env.TWILIO_CI_API_URL ?? '');
  const proxy = await cuttableProxy(Number(target.port), target.hostname);
  const life = disk.boot();
  const running = startCi(args, { env: { ...env, TWILIO_CI_API_URL: proxy.url }, journal: life.files });
  let killed: CiResult | undefined;
  const kill = () => {
    proxy.cut();
    life.kill();
    killed = { code: null, stdout: running.proc.out(), stderr: running.proc.err() };
    running.proc.signal('SIGTERM'); // the abandoned run winds down; nothing it does reaches anything
  };
  const result = running.result.then(async (exited) => {
    proxy.cut();
    if (!killed) life.exit();
    await proxy.closed;
    return killed ?? exited;
  });
  return { kill, result };
}

/** A TCP proxy to the emulator that `cut` closes for good: open connections reset, new ones refused. */
async function cuttableProxy(port: number, host: string): Promise<{ url: string; cut(): void; closed: Promise<void> }> {
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const server = createServer((client) => {
    const upstream = connect(port, host);
    track(client);
    track(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  const closed = new Promise<void>((resolve) => server.on('close', resolve));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the proxy has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    cut() {
      if (server.listening) server.close();
      for (const socket of sockets) socket.destroy();
    },
    closed,
  };
}

/** A pid no process can have (above Linux's largest pid_max), one per simulated run. */
const FIRST_SIMULATED_PID = 2 ** 22 + 1;

class KilledError extends Error {
  constructor() {
    super('the run was killed');
  }
}

/** One run's use of the disk: its journal files, until it exits or is killed. */
export interface RunLife {
  files: JournalFiles;
  /** kill -9: what it had not made durable is gone, and nothing it does from now on reaches the disk. */
  kill: () => void;
  /** A clean exit: what it wrote reaches the disk (the page cache is written back). */
  exit(): void;
}

/** An unsynced write to one file: text written (or being written) but not yet durable. */
interface Pending {
  text: string;
  /** A write() whose syscall was under way; a kill may leave part of it on disk. */
  inProgress: boolean;
}

/**
 * The journal's files in memory, as the disk holds them between runs: a replace, a lock created or removed
 * is durable once it completes (the real adapter fsyncs them); appended text only once fdatasync'd.
 */
export class SimulatedDisk {
  private readonly durable = new Map<string, string>();
  private readonly alive = new Set<number>();
  private nextPid = FIRST_SIMULATED_PID;

  constructor(private readonly random: () => number) {}

  /** What the file holds on disk now, or undefined. */
  text(path: string): string | undefined {
    return this.durable.get(path);
  }

  boot(): RunLife {
    const pid = this.nextPid++;
    this.alive.add(pid);
    const pending = new Map<string, Pending>();
    let dead = false;
    /** One turn of the event loop, as a syscall takes: a kill may land before it completes. */
    const step = async () => {
      await new Promise((resolve) => setImmediate(resolve));
      if (dead) throw new KilledError();
    };
    const visible = (path: string) => {
      const text = this.durable.get(path);
      const unsynced = pending.get(path)?.text ?? '';
      return text === undefined && unsynced === '' ? undefined : `${text ?? ''}${unsynced}`;
    };
    const sync = (path: string) => {
      const unsynced = pending.get(path);
      if (unsynced) this.durable.set(path, `${this.durable.get(path) ?? ''}${unsynced.text}`);
      pending.delete(path);
    };

    const openAppend = async (path: string): Promise<Appender> => {
      await step();
      return {
        async write(text, durably) {
          if (dead) throw new KilledError();
          const unsynced = pending.get(path) ?? { text: '', inProgress: false };
          pending.set(path, { text: `${unsynced.text}${text}`, inProgress: true });
          await step();
          const written = pending.get(path);
          if (written) written.inProgress = false;
          if (durably) sync(path);
        },
        close: step,
      };
    };

    const files: JournalFiles = {
      pid,
      host: hostname(),
      read: async (path) => {
        await step();
        return visible(path);
      },
      replace: async (path, text) => {
        await step();
        pending.delete(path);
        this.durable.set(path, text);
      },
      openAppend,
      createExclusive: async (path, text) => {
        await step();
        if (visible(path) !== undefined) return false;
        this.durable.set(path, text);
        return true;
      },
      removeIfUnchanged: async (path, text) => {
        await step();
        if (visible(path) === text) this.durable.delete(path);
      },
      processAlive: (other) => this.alive.has(other),
    };

    return {
      files,
      kill: () => {
        dead = true;
        this.alive.delete(pid);
        for (const [path, unsynced] of pending) if (unsynced.inProgress) this.tear(path, unsynced.text);
        pending.clear();
      },
      exit: () => {
        for (const path of [...pending.keys()]) sync(path);
        this.alive.delete(pid);
      },
    };
  }

  /** Leaves a strict prefix of the first unsynced line on disk (maybe none): a line never reaches it whole. */
  private tear(path: string, unsynced: string): void {
    const firstLine = unsynced.split('\n')[0] ?? '';
    const kept = Math.floor(this.random() * firstLine.length);
    if (kept > 0) this.durable.set(path, `${this.durable.get(path) ?? ''}${firstLine.slice(0, kept)}`);
  }
}
