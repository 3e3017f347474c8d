import { afterAll, beforeAll, expect } from 'vitest';
import { fileURLToPath } from 'node:url';
import {
  createSpecChecker,
  startEmulator,
  type EmulatorOptions,
  type RunningEmulator,
  type SpecChecker,
} from '../../src/emulator/index.js';
import { TEST_API_KEY_SECRET, TEST_AUTH_TOKEN } from './secrets.js';

/** Twilio's OpenAPI files for every API the emulator serves (cached in .cache/ by scripts/fetch-spec.mjs). */
export const SPEC_FILES = [
  'twilio_intelligence_v2.json',
  'twilio_intelligence_v3.json',
  'twilio_api_v2010.json',
  'twilio_conversations_v2.json',
  'twilio_memory_v1.json',
  'twilio_voice_v2.json',
  'twilio_voice_v3.json',
].map((file) => fileURLToPath(new URL(`../../.cache/twilio-oai/${file}`, import.meta.url)));

let checker: SpecChecker | undefined;
/** One checker per test file: compiling the schemas is the slow part. */
export function specChecker(): SpecChecker {
  checker ??= createSpecChecker(SPEC_FILES);
  return checker;
}

export interface TestEmulator extends RunningEmulator {
  /** Spec violations seen so far, each prefixed with its request; tests assert it stays empty. */
  violations: string[];
}

/** The emulator on a free port, every exchange checked against Twilio's OpenAPI descriptions. */
export async function startTestEmulator(options: Omit<EmulatorOptions, 'port'> = {}): Promise<TestEmulator> {
  const violations: string[] = [];
  const emulator = await startEmulator({
    authToken: TEST_AUTH_TOKEN, // distinctive, so the suite-wide scan can spot a leak
    apiKeySecret: TEST_API_KEY_SECRET,
    ...options,
    port: 0,
    observe(exchange) {
      for (const violation of specChecker().validate(exchange)) {
        violations.push(`${exchange.method} ${exchange.path} → ${exchange.status}: ${violation}`);
      }
      options.observe?.(exchange);
    },
  });
  return { ...emulator, violations };
}

/** A test emulator for the enclosing suite: started before it, stopped after it, and no spec violation allowed. */
export function useTestEmulator(options: Omit<EmulatorOptions, 'port'> = {}): TestEmulator {
  const emulator = {} as TestEmulator;
  beforeAll(async () => {
    Object.assign(emulator, await startTestEmulator(options));
  });
  afterAll(async () => {
    await emulator.close();
    expect(emulator.violations).toEqual([]);
  });
  return emulator;
}
