// `npm run demo` as a user runs it (scripts/demo.mjs, after the build): both halves succeed, the v3 half's
// signed rule-execution payload arrives and its results are the seed's, and nothing is left listening.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cleanEnv } from '../support/run-ci.js';
import { TEST_TIMEOUT_MS } from '../support/timeouts.js';

const DEMO = fileURLToPath(new URL('../../scripts/demo.mjs', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The demo is ~25 real CLI processes, ~11 s of CPU: on a machine shared by a second suite it needs minutes, not the usual bound. */
const DEMO_TIMEOUT_MS = 3 * TEST_TIMEOUT_MS;

interface DemoRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the demo in a process group of its own, killed as a whole if it outlives the test's bound. */
function runDemo(): Promise<DemoRun> {
  const child = spawn(process.execPath, [DEMO], { cwd: ROOT, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += String(chunk)));
  child.stderr.on('data', (chunk) => (stderr += String(chunk)));
  const timer = setTimeout(() => {
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
  }, DEMO_TIMEOUT_MS - 5_000);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Whether anything still answers on this URL's port. */
async function answers(url: string): Promise<boolean> {
  try {
    await fetch(url);
    return true;
  } catch {
    return false;
  }
}

interface RuleExecution {
  event: string;
  conversationId: string;
  intelligenceConfiguration: { displayName: string };
  operatorResults: { operator: { displayName: string }; result: unknown }[];
}

describe('npm run demo', () => {
  it(
    'runs the classic flow, then the v3 flow to a verified webhook and the seed results, and stops everything',
    async () => {
      const run = await runDemo();
      expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
      const [classic = '', v3 = ''] = run.stdout.split('# The same seed on v3');
      expect(classic).toContain('"eventType":"voice_intelligence_transcript_available"');

      expect(v3).toContain('$ ci --generation v3 operators create --name test-operator --prompt-file examples/seed/prompt.txt');
      expect(v3).toMatch(/\$ ci configurations create --name seed .* --webhook http:\/\/127\.0\.0\.1:\d+\/ci-webhook/);
      expect(v3).toContain('$ ci transcribe RE00000000000000000000000000000001 --conversation-configuration post-call --wait');

      const payloadLine = v3.split('\n').find((line) => line.startsWith('{"event":"rule-execution"'));
      expect(payloadLine, v3).toBeDefined();
      const payload = JSON.parse(payloadLine ?? '') as RuleExecution;
      expect(payload.intelligenceConfiguration.displayName).toBe('seed');
      expect(payload.operatorResults.map((result) => result.operator.displayName).sort()).toEqual([
        'Conversation Summary',
        'Sentiment Analysis',
        'test-operator',
      ]);
      expect(payload.operatorResults.find((result) => result.operator.displayName === 'test-operator')?.result).toEqual({
        category: 'other',
        emotion: 'negative',
      });

      const results = v3.split(`$ ci results ${payload.conversationId}\n`)[1] ?? '';
      expect(results).toContain('test-operator@1 (JSON)\n  category: other\n  emotion: negative');
      expect(run.stdout).toMatch(/Done in [\d.]+ s; the emulator is stopped\./);

      const urls = [...run.stdout.matchAll(/http:\/\/127\.0\.0\.1:\d+(?:\/ci-webhook)?/g)].map((match) => match[0]);
      expect(urls.length).toBeGreaterThan(0);
      for (const url of new Set(urls)) expect(await answers(url), url).toBe(false);
    },
    DEMO_TIMEOUT_MS,
  );
});
