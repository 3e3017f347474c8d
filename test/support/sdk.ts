// The official twilio SDK pointed at an emulator, for tests that drive the emulator directly.
import twilio from 'twilio';
import type { RunningEmulator } from '../../src/emulator/index.js';

interface SdkRequest {
  uri: string;
  [option: string]: unknown;
}

/** An httpClient that sends whatever the SDK addresses (intelligence.twilio.com, …) to the emulator. */
function emulatorHttpClient(emulatorUrl: string) {
  const delegate = new twilio.RequestClient();
  return {
    request(options: SdkRequest) {
      const target = new URL(options.uri);
      const rewritten = new URL(target.pathname + target.search, emulatorUrl);
      return delegate.request({ ...options, uri: rewritten.href } as Parameters<typeof delegate.request>[0]);
    },
  };
}

export function sdkClient(emulator: RunningEmulator, username = emulator.accountSid, password = emulator.authToken) {
  return twilio(username, password, {
    accountSid: emulator.accountSid,
    httpClient: emulatorHttpClient(emulator.url) as unknown as InstanceType<typeof twilio.RequestClient>,
  });
}

/** The error a request failed with (the SDK's RestException), or a thrown error if it succeeded. */
export async function rejection(promise: Promise<unknown>): Promise<{ status: number; code: number; message: string; moreInfo: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { status: number; code: number; message: string; moreInfo: string };
  }
  throw new Error('expected the request to fail');
}
