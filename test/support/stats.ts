import type { RunningEmulator } from '../../src/emulator/index.js';

export interface EmulatorStats {
  requests: Record<string, number>;
  created: Record<string, number>;
  deleted: Record<string, number>;
  faults: Record<string, number>;
}

/** GET /emulator/stats: what the emulator did, including injected faults. */
export async function statsOf(emulator: RunningEmulator): Promise<EmulatorStats> {
  const auth = Buffer.from(`${emulator.accountSid}:${emulator.authToken}`).toString('base64');
  const response = await fetch(`${emulator.url}/emulator/stats`, { headers: { Authorization: `Basic ${auth}` } });
  return (await response.json()) as EmulatorStats;
}
