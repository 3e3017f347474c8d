#!/usr/bin/env node
// `npm run demo`: the seed article's pipeline on a local emulator, through the real CLI, on classic (v2)
// and then on v3. Starts `ci emulator start` on a free port, runs each step as a user would (printing the
// command first), and stops the emulator and the listeners whatever happens. Needs no Twilio account and
// leaves nothing behind. The two halves run at once (they share nothing but the emulator); the v3 half's
// output is held until the classic half's is printed. test/e2e/demo.test.ts runs it.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const CI = fileURLToPath(new URL('../bin/ci.js', import.meta.url));
const SEED_RECORDING = 'RE00000000000000000000000000000001';
/** The seed's custom operator, as files a user would pass to `ci operators create`. */
const SEED_OPERATOR_DIR = fileURLToPath(new URL('../examples/seed/', import.meta.url));

const started = Date.now();
const workDir = mkdtempSync(join(tmpdir(), 'ci-demo-'));
// A config home of its own: the demo never reads or writes the user's profiles.
const baseEnv = { ...process.env, XDG_CONFIG_HOME: workDir };
for (const key of Object.keys(baseEnv)) if (key.startsWith('TWILIO_')) delete baseEnv[key];

/** Every `ci` process the demo starts, so that a signal to the demo alone (not its group) still stops them. */
const children = new Set();
function track(child) {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    for (const child of children) child.kill('SIGINT');
    rmSync(workDir, { recursive: true, force: true });
    console.error(`\ndemo: stopped by ${signal}; the emulator and listeners are stopped too.`);
    process.exit(130);
  });
}

const bold = (text) => (process.stdout.isTTY ? `\x1b[1m${text}\x1b[22m` : text);
const quote = (arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`);

/** Where a half of the demo prints: straight to stdout, or held until `flush` (the half that runs second). */
function output(live) {
  const held = [];
  return {
    write: (text) => (live ? process.stdout.write(text) : held.push(text)),
    flush: () => process.stdout.write(held.splice(0).join('')),
  };
}

/** Starts the emulator and resolves with its URL and credentials once it prints its banner. */
function startEmulator() {
  const child = track(
    spawn(process.execPath, [CI, 'emulator', 'start', '--port', '0', '--no-profile', '--transcribe-delay-ms', '800'], {
      env: baseEnv,
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  );
  return new Promise((resolve, reject) => {
    const found = {};
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const [, key, value] = /^(listening on|account SID|auth token)\s+(\S+)/.exec(line) ?? [];
      if (key) found[key] = value;
      if (found['listening on'] && found['account SID'] && found['auth token']) {
        resolve({ child, url: found['listening on'], accountSid: found['account SID'], authToken: found['auth token'] });
      }
    });
    child.once('exit', (code) => reject(new Error(`the emulator exited (${code}) before it was ready`)));
    child.once('error', reject);
  });
}

/**
 * `ci webhook listen --once` in the background: resolves with its URL; `events` resolves with what it printed.
 * `receives` says, in the printed command's comment, which signed request it waits for.
 */
function startListener(out, env, receives) {
  const args = ['webhook', 'listen', '--port', '0', '--once', '--ndjson'];
  out.write(`\n${bold(`$ ci ${args.join(' ')} &`)}   # receives ${receives}\n`);
  const child = track(spawn(process.execPath, [CI, ...args], { env, stdio: ['ignore', 'pipe', 'inherit'] }));
  const lines = [];
  const events = new Promise((resolve) => child.once('exit', () => resolve(lines)));
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const event = JSON.parse(line);
      if (event.event === 'listening') {
        out.write(`${line}\n`);
        resolve({ child, url: event.url, events });
      } else lines.push(line);
    });
    child.once('error', reject);
  });
}

/** Runs `ci …` as a user would, after printing the command; resolves with what it printed. */
function ci(out, env, args) {
  out.write(`\n${bold(`$ ci ${args.map(quote).join(' ')}`)}\n`);
  return new Promise((resolve, reject) => {
    const child = track(spawn(process.execPath, [CI, ...args], { env, stdio: ['ignore', 'pipe', 'inherit'] }));
    let printed = '';
    child.stdout.on('data', (chunk) => {
      printed += chunk;
      out.write(chunk);
    });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(printed) : reject(new Error(`\`ci ${args[0]}\` exited with ${code}`))));
  });
}

function stop(child) {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGINT');
  });
}

/** The path of a seed file as a user in the current directory would type it. */
const seed = (file) => relative(process.cwd(), join(SEED_OPERATOR_DIR, file));

/** The seed's operator as files: the same prompt, schema and training examples in both generations. */
function seedOperatorFiles() {
  return ['--prompt-file', seed('prompt.txt'), '--schema', seed('feedback.schema.json'), '--examples', seed('examples.jsonl')];
}

/** Prints what a background listener received, once it has exited after its one event. */
async function printReceived(out, listener) {
  out.write(`\n${bold('# what the background `ci webhook listen --once --ndjson` received (signature verified):')}\n`);
  for (const line of await listener.events) out.write(`${line}\n`);
}

/** The background listeners started so far, so that the end stops each one whatever happened. */
const listeners = [];
async function listen(out, env, receives) {
  const listener = await startListener(out, env, receives);
  listeners.push(listener);
  return listener;
}

/** The classic (v2) half: a service with a webhook, operators, a transcript of the seed recording, its results. */
async function classicFlow(out, env) {
  const listener = await listen(out, env, 'the signed voice_intelligence_transcript_available event');
  await ci(out, env, [
    'services',
    'create',
    '--unique-name',
    'test-ci',
    '--language-code',
    'en-US',
    '--webhook-url',
    listener.url,
    '--webhook-method',
    'POST',
    '--fields',
    'sid,uniqueName,webhookUrl',
  ]);
  await ci(out, env, ['operators', 'attach', 'test-ci', 'Conversation Summary', 'Sentiment Analysis']);
  await ci(out, env, [
    'operators',
    'create',
    '--name',
    'test-operator',
    ...seedOperatorFiles(),
    '--attach',
    'test-ci',
    '--fields',
    'sid,friendlyName,operatorType',
  ]);
  await ci(out, env, ['transcribe', SEED_RECORDING, '--service', 'test-ci', '--wait', '--interval', '250ms']);
  const sid = (await ci(out, env, ['transcripts', 'list', '--source-sid', SEED_RECORDING, '--fields', 'sid', '--no-header'])).trim();
  await ci(out, env, ['results', sid]);
  await ci(out, env, ['results', sid, '--json']);
  await printReceived(out, listener);
}

/**
 * The v3 half, the same seed: the operator as a versioned JSON operator, Twilio's Sentiment and Summary, one
 * intelligence configuration whose CONVERSATION_END rule posts to a listener, a conversation configuration using
 * it, and the recording transcribed into a conversation (closed, so the rule fires).
 */
async function v3Flow(out, env) {
  out.write(`\n${bold('# The same seed on v3: versioned operators, a configuration with a rule, conversations')}\n`);
  await ci(out, env, [
    '--generation',
    'v3',
    'operators',
    'create',
    '--name',
    'test-operator',
    ...seedOperatorFiles(),
    '--fields',
    'id,displayName,version,outputFormat',
  ]);
  const listener = await listen(out, env, 'the signed v3 rule-execution payload');
  await ci(out, env, [
    'configurations',
    'create',
    '--name',
    'seed',
    '--operator',
    'Sentiment Analysis',
    '--operator',
    'Conversation Summary',
    '--operator',
    'test-operator@1',
    '--webhook',
    listener.url,
    '--fields',
    'id,displayName,version',
  ]);
  await ci(out, env, ['configurations', 'show', 'seed']);
  await ci(out, env, ['conversations', 'configurations', 'create', '--name', 'post-call', '--intelligence-configuration', 'seed']);
  await ci(out, env, ['transcribe', SEED_RECORDING, '--conversation-configuration', 'post-call', '--wait', '--interval', '250ms']);
  const conversationId = (
    await ci(out, env, ['transcriptions', 'list', '--recording', SEED_RECORDING, '--fields', 'conversationId', '--no-header'])
  ).trim();
  await printReceived(out, listener);
  await ci(out, env, ['results', conversationId]);
}

let emulator;
let failed = false;
try {
  emulator = await startEmulator();
  console.log(`Emulator listening on ${emulator.url} (local Twilio APIs, classic and v3; no Twilio account involved).`);
  const env = {
    ...baseEnv,
    TWILIO_ACCOUNT_SID: emulator.accountSid,
    TWILIO_AUTH_TOKEN: emulator.authToken,
    TWILIO_CI_API_URL: emulator.url,
  };
  const classic = output(true);
  const v3 = output(false);
  const halves = [classicFlow(classic, env), v3Flow(v3, env)];
  try {
    await halves[0];
  } finally {
    v3.flush();
  }
  await halves[1];
  v3.flush();
} catch (error) {
  failed = true;
  console.error(`demo: ${error.message}`);
} finally {
  for (const listener of listeners) await stop(listener.child);
  if (emulator) await stop(emulator.child);
  rmSync(workDir, { recursive: true, force: true });
}
console.log(`\n${failed ? 'Demo failed' : 'Done'} in ${((Date.now() - started) / 1000).toFixed(1)} s; the emulator is stopped.`);
process.exitCode = failed ? 1 : 0;
