import type { RunningEmulator } from '../../src/emulator/index.js';

/** Environment that points a spawned ci at an emulator, through the SDK's base-URL override. */
export function emulatorEnv(emulator: RunningEmulator, extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    TWILIO_ACCOUNT_SID: emulator.accountSid,
    TWILIO_AUTH_TOKEN: emulator.authToken,
    TWILIO_CI_API_URL: emulator.url,
    ...extra,
  };
}
