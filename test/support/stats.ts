/** Enough to reach an emulator: a RunningEmulator, or what an env for ci names. */
export interface EmulatorAddress {
  url: string;
  accountSid: string;
  authToken: string;
}

export interface EmulatorStats {
  requests: Record<string, number>;
  created: Record<string, number>;
  deleted: Record<string, number>;
  faults: Record<string, number>;
}

/** GET /emulator/stats: what the emulator did, including injected faults. */
export async function statsOf(emulator: EmulatorAddress): Promise<EmulatorStats> {
  const auth = Buffer.from(`${emulator.accountSid}:${emulator.authToken}`).toString('base64');
  const response = await fetch(`${emulator.url}/emulator/stats`, { headers: { Authorization: `Basic ${auth}` } });
  return (await response.json()) as EmulatorStats;
}

/** Resolves once the emulator has answered a request matching `route`, e.g. a wait's first poll. */
export async function requested(emulator: EmulatorAddress, route: string): Promise<void> {
  while (!(await statsOf(emulator)).requests[route]) await new Promise((resolve) => setTimeout(resolve, 50));
}
