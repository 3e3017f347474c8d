// What every test file's end must undo, registered for each file by vitest (setupFiles). Support modules
// are loaded once per worker and shared by the files it runs (isolate: false), so their own hooks would
// only ever run for the first file.
import { afterAll } from 'vitest';
import { forgetConfigHome } from './cli.js';
import { endSpawnedCis } from './run-ci.js';
import { stopServers } from './serve-ci.js';
import { removeTempDirs } from './temp.js';

afterAll(async () => {
  await stopServers();
  endSpawnedCis();
  forgetConfigHome();
  removeTempDirs();
});
