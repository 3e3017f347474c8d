#!/usr/bin/env node
// Puts Twilio's OpenAPI files (Intelligence v2 and v3, and the v3 family around it: Conversations v2, Voice v2
// and v3, Memory v1) into .cache/twilio-oai/ (git-ignored),
// taken from a pinned npm package whose tarball is checked against the registry's sha512 integrity.
// No-op (and no npm calls) when the cache already holds them. Runs as part of `npm test`'s pretest.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE = '@twilio/cli-core@9.0.0';
const DIR_IN_TARBALL = 'package/src/services/twilio-api';
const FILES = [
  'twilio_intelligence_v2.json',
  'twilio_intelligence_v3.json',
  'twilio_conversations_v2.json',
  'twilio_voice_v2.json',
  'twilio_voice_v3.json',
  'twilio_memory_v1.json',
];

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cacheDir = join(root, '.cache', 'twilio-oai');

function npm(args, cwd) {
  // npm is npm.cmd on Windows, which Node only spawns through a shell.
  return execFileSync('npm', args, { cwd, encoding: 'utf8', shell: process.platform === 'win32' });
}

// Any missing file (e.g. one added to FILES since the cache was filled) refetches the tarball.
if (FILES.every((file) => existsSync(join(cacheDir, file)))) process.exit(0);

const work = mkdtempSync(join(tmpdir(), 'ci-fetch-spec-'));
try {
  const expected = npm(['view', PACKAGE, 'dist.integrity'], work).trim();
  if (!expected.startsWith('sha512-')) throw new Error(`registry gave no sha512 integrity for ${PACKAGE}: '${expected}'`);

  const [packed] = JSON.parse(npm(['pack', PACKAGE, '--json', '--pack-destination', work], work));
  const tarball = join(work, packed.filename);
  const actual = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
  if (actual !== expected) throw new Error(`integrity mismatch for ${PACKAGE}: registry ${expected}, tarball ${actual}`);

  const members = FILES.map((file) => `${DIR_IN_TARBALL}/${file}`);
  execFileSync('tar', ['-xzf', tarball, '-C', work, ...members], { stdio: ['ignore', 'ignore', 'inherit'] });

  mkdirSync(cacheDir, { recursive: true });
  for (const file of FILES) {
    const extracted = join(work, DIR_IN_TARBALL, file);
    JSON.parse(readFileSync(extracted, 'utf8')); // refuse to cache something that is not JSON
    // Copy next to the target, then rename: a half-written file never looks like a cache hit.
    const partial = join(cacheDir, `${file}.partial`);
    copyFileSync(extracted, partial);
    renameSync(partial, join(cacheDir, file));
  }
  console.log(`fetch-spec: cached ${FILES.join(', ')} from ${PACKAGE} (${expected})`);
} catch (error) {
  console.error(`fetch-spec: ${error instanceof Error ? error.message.split('\n')[0] : error}`);
  process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
