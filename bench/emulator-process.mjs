// An emulator in a process of its own, for benchmarks whose numbers it must not share a core with (the reader of a
// long listing): `startEmulatorProcess(options)` forks this file, which starts it and reports its URL over IPC.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SELF = fileURLToPath(import.meta.url);

if (process.argv[2] === '--serve') {
  const { startEmulator } = await import('../dist/emulator/index.js');
  const emulator = await startEmulator(JSON.parse(process.argv[3]));
  process.send({ url: emulator.url, accountSid: emulator.accountSid, authToken: emulator.authToken });
  process.on('message', () => process.exit(0));
}

/** Resolves { url, accountSid, authToken, close() } once the emulator listens. */
export function startEmulatorProcess(options) {
  const child = fork(SELF, ['--serve', JSON.stringify(options)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('message', (server) =>
      resolve({ ...server, close: () => new Promise((done) => (child.once('exit', done), child.send('exit'))) }),
    );
  });
}
