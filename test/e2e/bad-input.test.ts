// The bad-input catalogue: every case through the CLI in-process (the closed pipe through bin/ci.js),
// asserting the exit code, one stderr line that names the problem, and no stack trace.
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulatorEnv } from '../support/ci-env.js';
import { startTestEmulator, type TestEmulator } from '../support/emulator.js';
import { ci, startCi } from '../support/cli.js';
import { spawnCi, type CiResult } from '../support/run-ci.js';
import { TEST_AUTH_TOKEN } from '../support/secrets.js';
import { requested } from '../support/stats.js';
import { jsonOf } from '../support/json.js';
import { tempDir } from '../support/temp.js';

type Env = Record<string, string | undefined>;

interface Fixtures {
  env: Env;
  /** An emulator whose transcripts stay queued for a minute. */
  slow: Env;
  throttled: Env;
  failing: Env;
  /** Base URL of a server that plays a broken proxy or API, by the first path segment. */
  fake: string;
  closedPort: number;
  dir: string;
  operatorSid: string;
  failedTranscript: string;
  queuedTranscript: string;
  /** A config home whose config.json is broken in the named way. */
  configHomes: Record<'corrupt' | 'empty' | 'array', string>;
}

interface Case {
  name: string;
  args: (f: Fixtures) => string[];
  env?: (f: Fixtures) => Env;
  stdin?: string;
  /** Runs the case another way (signals, closed pipes); default: ci in-process. */
  run?: (args: string[], env: Env) => Promise<CiResult>;
  code: number;
  /** What the one stderr line must say; null: stderr stays empty. */
  error: RegExp | null;
}

const SID = (prefix: string, fill = 'f') => `${prefix}${fill.repeat(32)}`;
const RE1 = `RE${'1'.padStart(32, '0')}`;
const NOT_FOUND = /was not found \(Twilio error 20404: https:\/\/www\.twilio\.com\/docs\/errors\/20404\)/;
const malformed = (kind: string) =>
  new RegExp(`is not a valid ${kind} SID; hint: an? ${kind} SID is [A-Z]{2} followed by 32 hexadecimal characters`);

const CASES: Case[] = [
  // credentials
  {
    name: 'no credentials at all',
    args: () => ['services', 'list'],
    env: () => ({}),
    code: 3,
    error: /no Twilio credentials found; hint: run `ci login`.*TWILIO_ACCOUNT_SID.*ci emulator start/,
  },
  {
    name: 'wrong auth token (401)',
    args: () => ['services', 'list'],
    env: (f) => ({ ...f.env, TWILIO_AUTH_TOKEN: 'wrong' }),
    code: 3,
    error: /Authenticate \(Twilio error 20003: .*\); hint: check the credentials/,
  },
  {
    name: 'wrong API key secret (401)',
    args: () => ['services', 'list'],
    env: (f) => ({ ...f.env, TWILIO_AUTH_TOKEN: undefined, TWILIO_API_KEY: SID('SK', '0').replace(/0$/, '1'), TWILIO_API_SECRET: 'wrong' }),
    code: 3,
    error: /Authenticate \(Twilio error 20003/,
  },
  {
    name: 'forbidden (403)',
    args: (f) => ['--api-url', `${f.fake}/forbidden`, 'services', 'list'],
    code: 3,
    error: /not allowed for this account \(Twilio error 20403/,
  },
  // malformed SIDs, checked before any request
  { name: 'GA in services show', args: () => ['services', 'show', 'GA123'], code: 2, error: malformed('service') },
  {
    name: 'GA in services update',
    args: () => ['services', 'update', 'GA12ab', '--friendly-name', 'x'],
    code: 2,
    error: malformed('service'),
  },
  { name: 'GA in services delete', args: () => ['services', 'delete', 'GA12', '--yes'], code: 2, error: malformed('service') },
  { name: 'GA in operators attach', args: () => ['operators', 'attach', 'GA12', SID('LY')], code: 2, error: malformed('service') },
  { name: 'GT in transcripts show', args: () => ['transcripts', 'show', 'GT123'], code: 2, error: malformed('transcript') },
  { name: 'GT in transcripts delete', args: () => ['transcripts', 'delete', 'GT12', '--yes'], code: 2, error: malformed('transcript') },
  { name: 'GT in transcripts wait', args: () => ['transcripts', 'wait', 'GTnothex'], code: 2, error: malformed('transcript') },
  { name: 'GT in transcripts sentences', args: () => ['transcripts', 'sentences', 'GT1'], code: 2, error: malformed('transcript') },
  { name: 'GT in transcripts media', args: () => ['transcripts', 'media', 'GT1'], code: 2, error: malformed('transcript') },
  { name: 'GT in results', args: () => ['results', 'GT12'], code: 2, error: malformed('transcript') },
  { name: 'LY in operators show', args: () => ['operators', 'show', 'LY12'], code: 2, error: malformed('operator') },
  { name: 'LY in operators delete', args: () => ['operators', 'delete', 'LY12', '--yes'], code: 2, error: malformed('operator') },
  { name: 'RE in transcribe', args: () => ['transcribe', 'RE12', '--service', 'bad-input'], code: 2, error: malformed('recording') },
  {
    name: 'RE in transcripts list --source-sid',
    args: () => ['transcripts', 'list', '--source-sid', 'RE12'],
    code: 2,
    error: /--source-sid: "RE12" is not a valid recording SID/,
  },
  {
    name: 'AC in profiles add',
    args: () => ['profiles', 'add', 'p', '--account-sid', 'AC12', '--auth-token', TEST_AUTH_TOKEN],
    code: 2,
    error: /is not a valid account SID/,
  },
  {
    name: 'SK in profiles add',
    args: () => ['profiles', 'add', 'p', '--account-sid', SID('AC'), '--api-key', 'SK12', '--api-secret', 'x'],
    code: 2,
    error: /is not a valid API key SID/,
  },
  {
    name: 'AC in emulator start',
    args: () => ['emulator', 'start', '--account-sid', 'AC1', '--no-profile'],
    code: 2,
    error: /is not a valid account SID/,
  },
  // unknown flags and commands
  { name: 'unknown flag', args: () => ['services', 'list', '--bogus'], code: 2, error: /unknown option '--bogus'/ },
  {
    name: 'unknown command',
    args: () => ['servics'],
    code: 2,
    error: /unknown command 'servics' \(Did you mean one of service, services\?\)/,
  },
  { name: 'unknown subcommand', args: () => ['transcripts', 'frobnicate'], code: 2, error: /unknown command 'frobnicate'/ },
  {
    name: 'flag without its value',
    args: () => ['transcripts', 'list', '--limit'],
    code: 2,
    error: /option '--limit <n>' argument missing/,
  },
  // enums and numbers
  {
    name: 'invalid --webhook-method',
    args: () => ['services', 'create', '--unique-name', 'x', '--webhook-method', 'PUT'],
    code: 2,
    error: /--webhook-method must be one of GET, POST/,
  },
  {
    name: 'invalid --status',
    args: () => ['transcripts', 'list', '--status', 'done'],
    code: 2,
    error: /--status must be one of queued, in-progress, completed, failed, canceled/,
  },
  {
    name: 'non-numeric --concurrency',
    args: (f) => ['transcribe', '--from-file', join(f.dir, 'one.txt'), '--concurrency', 'ten'],
    code: 2,
    error: /--concurrency must be a whole number of at least 1/,
  },
  {
    name: 'zero --concurrency',
    args: (f) => ['transcribe', '--from-file', join(f.dir, 'one.txt'), '--concurrency', '0'],
    code: 2,
    error: /--concurrency must be a whole number of at least 1/,
  },
  {
    name: 'negative --limit',
    args: () => ['transcripts', 'list', '--limit', '-5'],
    code: 2,
    error: /--limit must be a whole number of at least 1/,
  },
  {
    name: 'non-duration --timeout',
    args: () => ['transcripts', 'wait', SID('GT'), '--timeout', 'soon'],
    code: 2,
    error: /--timeout must be a duration such as 30s/,
  },
  {
    name: '--timeout beyond the longest timer',
    args: () => ['transcripts', 'wait', SID('GT'), '--timeout', '9999999h', '--interval', '9999999h'],
    code: 2,
    error: /--timeout must be at most 596h, the longest timer Node\.js holds \(got "9999999h"\)/,
  },
  {
    name: '--interval below 100ms',
    args: () => ['transcripts', 'wait', SID('GT'), '--interval', '10ms'],
    code: 2,
    error: /--interval must be at least 100ms \(got "10ms"\)/,
  },
  {
    name: '--interval beyond the longest timer',
    args: () => ['transcripts', 'wait', SID('GT'), '--interval', '2147483648ms'],
    code: 2,
    error: /--interval must be at most 596h/,
  },
  {
    name: '--request-timeout beyond the longest timer',
    args: () => ['--request-timeout', '9999999h', 'services', 'list'],
    code: 2,
    error: /--request-timeout must be at most 596h/,
  },
  {
    name: '--request-timeout 0',
    args: () => ['--request-timeout', '0', 'services', 'list'],
    code: 2,
    error: /--request-timeout must be at least 1ms/,
  },
  {
    name: '--max-retries beyond 20',
    args: () => ['--max-retries', '1000', 'services', 'list'],
    code: 2,
    error: /--max-retries must be at most 20 \(got 1000\)/,
  },
  {
    name: 'negative --max-retries',
    args: () => ['--max-retries', '-1', 'services', 'list'],
    code: 2,
    error: /argument '-1' is invalid. --max-retries must be a whole number of at least 0/,
  },
  {
    name: 'rate above 1',
    args: () => ['emulator', 'start', '--fail-rate', '2'],
    code: 2,
    error: /--fail-rate must be a number from 0 to 1/,
  },
  // URLs
  {
    name: 'invalid --webhook-url',
    args: () => ['services', 'create', '--unique-name', 'x', '--webhook-url', 'notaurl'],
    code: 2,
    error: /--webhook-url must be a full http\(s\) URL/,
  },
  {
    name: 'non-http --media-url',
    args: () => ['transcribe', '--media-url', 'ftp://example.com/a.wav'],
    code: 2,
    error: /--media-url must be an http or https URL/,
  },
  { name: 'invalid --api-url', args: () => ['--api-url', 'notaurl', 'services', 'list'], code: 2, error: /invalid API URL "notaurl"/ },
  {
    name: 'plain http --api-url off loopback',
    args: () => ['--api-url', 'http://api.example.com', 'services', 'list'],
    code: 2,
    error: /refusing to send credentials over plain http to api\.example\.com/,
  },
  // files
  {
    name: 'missing --from-file',
    args: (f) => ['transcribe', '--from-file', join(f.dir, 'nope.txt'), '--service', 'bad-input'],
    code: 2,
    error: /--from-file \S+nope\.txt: no such file/,
  },
  {
    name: '--from-file is a directory',
    args: (f) => ['transcribe', '--from-file', f.dir, '--service', 'bad-input'],
    code: 2,
    error: /--from-file \S+: is a directory/,
  },
  {
    name: 'empty --from-file',
    args: (f) => ['transcribe', '--from-file', join(f.dir, 'empty.txt'), '--service', 'bad-input'],
    code: 2,
    error: /empty\.txt holds no recording SIDs or media URLs/,
  },
  {
    name: 'malformed line in --from-file',
    args: (f) => ['transcribe', '--from-file', join(f.dir, 'bad.txt'), '--service', 'bad-input'],
    code: 2,
    error: /bad\.txt: 1 malformed line, nothing was sent: line 2: "RE123" is not a valid recording SID/,
  },
  {
    name: 'state file that is not JSON',
    args: (f) => ['transcribe', '--from-file', join(f.dir, 'one.txt'), '--service', 'bad-input', '--state', join(f.dir, 'not.json')],
    code: 2,
    error: /the state file \S+not\.json is not valid JSON \(line 1\); fix it or move it away/,
  },
  {
    name: 'missing --schema',
    args: (f) => ['operators', 'create', '--name', 'x', '--prompt', 'p', '--schema', join(f.dir, 'nope.json')],
    code: 2,
    error: /--schema \S+nope\.json: cannot read it \(no such file\)/,
  },
  {
    name: '--schema is a directory',
    args: (f) => ['operators', 'create', '--name', 'x', '--prompt', 'p', '--schema', f.dir],
    code: 2,
    error: /--schema \S+: cannot read it \(is a directory\)/,
  },
  {
    name: 'empty --schema',
    args: (f) => ['operators', 'create', '--name', 'x', '--prompt', 'p', '--schema', join(f.dir, 'empty.txt')],
    code: 2,
    error: /--schema \S+empty\.txt: not JSON/,
  },
  {
    name: '--schema not JSON',
    args: (f) => ['operators', 'create', '--name', 'x', '--prompt', 'p', '--schema', join(f.dir, 'not.json')],
    code: 2,
    error: /--schema \S+not\.json: not JSON/,
  },
  {
    name: '--schema over 1 MiB',
    args: (f) => ['operators', 'create', '--name', 'x', '--prompt', 'p', '--schema', join(f.dir, 'big.json')],
    code: 2,
    error: /--schema \S+big\.json: cannot read it \(larger than 1 MiB\)/,
  },
  {
    name: '--auth-token and --auth-token-stdin together',
    args: () => ['profiles', 'add', 'p', '--account-sid', SID('AC', '0'), '--auth-token', 'x', '--auth-token-stdin'],
    stdin: 'y\n',
    code: 2,
    error: /give --auth-token or --auth-token-stdin, not both/,
  },
  {
    name: 'empty stdin for --auth-token-stdin',
    args: () => ['profiles', 'add', 'p', '--account-sid', SID('AC', '0'), '--auth-token-stdin'],
    stdin: '',
    code: 2,
    error: /--auth-token-stdin is empty/,
  },
  {
    name: 'a file of lines for --auth-token-stdin',
    args: () => ['profiles', 'add', 'p', '--account-sid', SID('AC', '0'), '--auth-token-stdin'],
    stdin: 'one\ntwo\n',
    code: 2,
    error: /--auth-token-stdin: stdin holds more than one line/,
  },
  {
    name: 'two secrets from one stdin',
    args: () => ['profiles', 'add', 'p', '--account-sid', SID('AC', '0'), '--auth-token-stdin', '--api-secret-stdin'],
    stdin: 'x\n',
    code: 2,
    error: /stdin holds one secret: give --auth-token-stdin or --api-secret-stdin/,
  },
  {
    name: 'endless stdin for results -',
    args: () => ['results', '-'],
    stdin: '\0'.repeat(4 * 1024 * 1024 + 1),
    code: 2,
    error: /stdin holds more than 4 MiB; pipe in SIDs, one a line/,
  },
  { name: 'empty stdin for results -', args: () => ['results', '-'], stdin: '', code: 2, error: /no transcript SIDs on stdin/ },
  {
    name: 'empty stdin for --from-file -',
    args: () => ['transcribe', '--from-file', '-', '--service', 'bad-input'],
    stdin: '',
    code: 2,
    error: /stdin holds no recording SIDs or media URLs/,
  },
  // files that are not files, or too big (issue 10 §2): refused from their metadata, before a byte is read
  {
    name: '--schema is a FIFO',
    args: (f) => ['operators', 'create', '--name', 'x', '--prompt', 'p', '--schema', join(f.dir, 'fifo')],
    code: 2,
    error: /--schema \S+fifo: cannot read it \(is a named pipe \(FIFO\), not a regular file\)/,
  },
  {
    name: '--schema is /dev/zero',
    args: () => ['operators', 'create', '--name', 'x', '--prompt', 'p', '--schema', '/dev/zero'],
    code: 2,
    error: /--schema \/dev\/zero: cannot read it \(is a device, not a regular file\)/,
  },
  {
    name: '--prompt-file is /dev/zero',
    args: () => ['operators', 'create', '--name', 'x', '--prompt-file', '/dev/zero'],
    code: 2,
    error: /--prompt-file \/dev\/zero: cannot read it \(is a device/,
  },
  {
    name: '--examples is a FIFO',
    args: (f) => ['operators', 'create', '--name', 'x', '--prompt', 'p', '--examples', join(f.dir, 'fifo')],
    code: 2,
    error: /--examples \S+fifo: cannot read it \(is a named pipe/,
  },
  {
    name: '--prompt-file - from an endless stdin is cut at 1 MiB',
    args: () => ['operators', 'create', '--name', 'x', '--prompt-file', '-'],
    stdin: 'p'.repeat(1024 * 1024 + 1),
    code: 2,
    error: /--prompt-file -: cannot read it \(larger than 1 MiB\)/,
  },
  { name: 'apply -f is a directory', args: (f) => ['apply', '-f', f.dir, '--yes'], code: 2, error: /cannot read \S+: is a directory/ },
  { name: 'diff -f is /dev/zero', args: () => ['diff', '-f', '/dev/zero'], code: 2, error: /cannot read \/dev\/zero: is a device/ },
  { name: 'diff -f is a FIFO', args: (f) => ['diff', '-f', join(f.dir, 'fifo')], code: 2, error: /cannot read \S+fifo: is a named pipe/ },
  {
    name: 'diff -f over 4 MiB',
    args: (f) => ['diff', '-f', join(f.dir, 'huge.yaml')],
    code: 2,
    error: /cannot read \S+huge\.yaml: larger than 4 MiB/,
  },
  {
    name: '--from-file is /dev/zero',
    args: () => ['transcribe', '--from-file', '/dev/zero', '--service', 'bad-input'],
    code: 2,
    error: /--from-file \/dev\/zero: is a device, not a regular file/,
  },
  {
    name: '--from-file is a FIFO',
    args: (f) => ['transcribe', '--from-file', join(f.dir, 'fifo'), '--service', 'bad-input'],
    code: 2,
    error: /--from-file \S+fifo: is a named pipe/,
  },
  {
    name: '--from-file with a line over 8 KiB',
    args: (f) => ['transcribe', '--from-file', join(f.dir, 'long-line.txt'), '--service', 'bad-input'],
    code: 2,
    error: /--from-file \S+long-line\.txt: line 2 is longer than 8 KiB/,
  },
  {
    name: '--from-file - with a line over 8 KiB',
    args: () => ['transcribe', '--from-file', '-', '--service', 'bad-input'],
    stdin: '\0'.repeat(9000),
    code: 2,
    error: /--from-file stdin: line 1 is longer than 8 KiB/,
  },
  {
    name: '--recordings is /dev/zero',
    args: () => ['emulator', 'start', '--no-profile', '--port', '0', '--recordings', '/dev/zero'],
    code: 2,
    error: /--recordings \/dev\/zero: is a device, not a regular file/,
  },
  {
    name: '--recordings is a directory',
    args: (f) => ['emulator', 'start', '--no-profile', '--port', '0', '--recordings', f.dir],
    code: 2,
    error: /--recordings \S+: is a directory/,
  },
  {
    name: 'emulator --state is a FIFO',
    args: (f) => ['emulator', 'start', '--no-profile', '--port', '0', '--state', join(f.dir, 'fifo')],
    code: 2,
    error: /--state \S+fifo: is a named pipe/,
  },
  // broken local files are named as such (issue 10 §7)
  {
    name: 'emulator --state that is not JSON',
    args: (f) => ['emulator', 'start', '--no-profile', '--port', '0', '--state', join(f.dir, 'cut.json')],
    code: 2,
    error:
      /the emulator state file \S+cut\.json is not valid JSON \(line 2, column 2: a string that is not closed.*\); fix it or move it away/,
  },
  {
    name: 'a corrupt config.json',
    args: () => ['profiles', 'list'],
    env: (f) => ({ XDG_CONFIG_HOME: f.configHomes.corrupt }),
    code: 2,
    error: /^ci: the config file \S+config\.json is not valid JSON \(line 3, column 1\); fix it or move it away$/,
  },
  {
    name: 'an empty config.json',
    args: () => ['services', 'list'],
    env: (f) => ({ XDG_CONFIG_HOME: f.configHomes.empty }),
    code: 2,
    error: /the config file \S+config\.json is not valid JSON \(line 1, column 1\); fix it or move it away/,
  },
  {
    name: 'a config.json that is not an object',
    args: () => ['profiles', 'list'],
    env: (f) => ({ XDG_CONFIG_HOME: f.configHomes.array }),
    code: 2,
    error: /the config file \S+config\.json is not valid JSON \(line 2, column 3\); fix it or move it away/,
  },
  {
    name: '--profile naming an Object.prototype key',
    args: () => ['--profile', 'toString', 'services', 'list'],
    code: 2,
    error: /no profile named "toString" \(from --profile\)/,
  },
  { name: 'empty --profile', args: () => ['--profile', '', 'services', 'list'], code: 2, error: /--profile must not be empty/ },
  { name: 'empty --api-url', args: () => ['--api-url', '', 'services', 'list'], code: 2, error: /--api-url must not be empty/ },
  // configuration files cannot exfiltrate secrets (issue 10 §5)
  {
    name: '${TWILIO_AUTH_TOKEN} in a diff file',
    args: (f) => ['diff', '-f', join(f.dir, 'apply', 'token.yaml')],
    code: 2,
    error:
      /token\.yaml:3:19: \$\{TWILIO_AUTH_TOKEN\} is not expanded: TWILIO_AUTH_TOKEN holds the credentials ci uses; hint: to expand them anyway: --allow-env TWILIO_AUTH_TOKEN$/,
  },
  {
    name: '${…_SECRET} in an apply file',
    args: (f) => ['apply', '-f', join(f.dir, 'apply', 'secret.yaml'), '--yes'],
    env: (f) => ({ ...f.env, HOOK_SECRET: 'hook-secret-value' }),
    code: 2,
    error: /secret\.yaml:3:17: \$\{HOOK_SECRET\} is not expanded: HOOK_SECRET is named like a secret; hint: .*--allow-env HOOK_SECRET/,
  },
  {
    name: 'promptFile escaping with ..',
    args: (f) => ['diff', '-f', join(f.dir, 'apply', 'escape.yaml'), '--json'],
    code: 2,
    error:
      /escape\.yaml:3:17: \.\.\/\.\.\/\.\.\/\.\.\/\.\.\/etc\/passwd is refused: it leads outside \S+ \(files must be inside the configuration file's directory\); hint: to read files outside the directory anyway: --allow-outside-files/,
  },
  {
    name: 'schemaFile as an absolute path',
    args: (f) => ['diff', '-f', join(f.dir, 'apply', 'absolute.yaml')],
    code: 2,
    error: /absolute\.yaml:4:17: \/etc\/passwd is refused: an absolute path/,
  },
  {
    name: 'promptFile through a symlink leading outside',
    args: (f) => ['diff', '-f', join(f.dir, 'apply', 'symlink.yaml')],
    code: 2,
    error: /symlink\.yaml:3:17: link\.txt is refused: a symbolic link leading outside/,
  },
  {
    name: 'mediaRedaction without autoRedaction in a diff file',
    args: (f) => ['diff', '-f', join(f.dir, 'apply', 'redaction.yaml')],
    code: 2,
    error: /redaction\.yaml:4:5: mediaRedaction needs autoRedaction/,
  },
  {
    name: 'an apply file nested 100,000 deep',
    args: (f) => ['diff', '-f', join(f.dir, 'apply', 'deep.yaml')],
    code: 2,
    error: /deep\.yaml:1: nested more than 256 levels deep/,
  },
  // the network and the API
  {
    name: 'connection refused',
    args: (f) => ['--max-retries', '0', '--api-url', `http://127.0.0.1:${f.closedPort}`, 'services', 'list'],
    code: 1,
    error: /could not reach the API \(ECONNREFUSED\)/,
  },
  {
    name: 'a proxy answering HTML 502',
    args: (f) => ['--max-retries', '1', '--api-url', `${f.fake}/html502`, 'services', 'list'],
    code: 1,
    error: /the API answered HTTP 502 without a Twilio error body; hint: a proxy or gateway may be in the way/,
  },
  {
    name: 'a truncated JSON body',
    args: (f) => ['--api-url', `${f.fake}/truncated`, 'services', 'list'],
    code: 1,
    error: /the API's answer is not valid JSON \(cut short\?\): Unterminated string/,
  },
  {
    name: 'a page whose next page is itself',
    args: (f) => ['--api-url', `${f.fake}/loop`, 'services', 'list'],
    code: 1,
    error: /the API's pages loop: the next page \/v2\/Services\?PageSize=\d+ was already fetched/,
  },
  {
    name: 'a page without its list of items',
    args: (f) => ['--api-url', `${f.fake}/no-list`, 'services', 'list'],
    code: 1,
    error: /the API's answer is malformed: a page without its list of items/,
  },
  { name: 'unknown service (404)', args: () => ['services', 'show', SID('GA', '9')], code: 4, error: NOT_FOUND },
  { name: 'unknown transcript (404)', args: () => ['transcripts', 'show', SID('GT', '9')], code: 4, error: NOT_FOUND },
  {
    name: 'duplicate unique name (409)',
    args: () => ['services', 'create', '--unique-name', 'bad-input'],
    code: 1,
    error: /already exists \(Twilio error 90101: https:\/\/www\.twilio\.com\/docs\/errors\/90101\)/,
  },
  {
    name: 'stale --if-match (412)',
    args: (f) => ['operators', 'update', f.operatorSid, '--prompt', 'again', '--if-match', '99'],
    code: 1,
    error: /\(Twilio error 20412: /,
  },
  {
    name: '429 after retries are exhausted',
    args: () => ['--max-retries', '0', 'services', 'list'],
    env: (f) => f.throttled,
    code: 1,
    error: /Too Many Requests \(Twilio error 20429/,
  },
  {
    name: '500 after retries are exhausted',
    args: () => ['--max-retries', '1', 'services', 'list'],
    env: (f) => f.failing,
    code: 1,
    error: /(Internal Server Error|Service Unavailable) \(Twilio error 2050[03]/,
  },
  // waiting
  {
    name: 'a transcript that failed',
    args: (f) => ['transcripts', 'wait', f.failedTranscript],
    code: 5,
    error: /transcript GT\w+ ended failed; hint: the media could not be read/,
  },
  { name: 'results of a failed transcript', args: (f) => ['results', f.failedTranscript], code: 5, error: /failed/ },
  {
    name: 'Ctrl-C during --wait',
    args: (f) => ['transcripts', 'wait', f.queuedTranscript, '--interval', '100ms'],
    env: (f) => f.slow,
    run: async (args, env) => {
      const waiting = startCi(args, { env });
      const emulator = { url: env.TWILIO_CI_API_URL!, accountSid: env.TWILIO_ACCOUNT_SID!, authToken: env.TWILIO_AUTH_TOKEN! };
      await requested(emulator, 'GET /v2/Transcripts/{Sid}'); // it is polling: Ctrl-C now
      waiting.proc.signal('SIGINT');
      return waiting.result;
    },
    code: 130,
    error: /^ci: interrupted$/,
  },
  {
    name: 'stdout closed early',
    args: () => ['services', 'list'],
    run: async (args, env) => {
      const listing = spawnCi(args, { env });
      listing.child.stdout.once('data', () => listing.child.stdout.destroy());
      return listing.result;
    },
    code: 0,
    error: null,
  },
];

let emulator: TestEmulator;
let slow: TestEmulator;
let throttled: TestEmulator;
let failing: TestEmulator;
let fake: Server;
const fixtures = {} as Fixtures;

/** A stand-in for a misbehaving proxy or API: the first path segment picks the misbehaviour. */
function startFakeApi(): Promise<Server> {
  const server = createServer((request, response) => {
    const [, mode] = (request.url ?? '').split('/');
    if (mode === 'html502') {
      response.writeHead(502, { 'Content-Type': 'text/html' });
      return response.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
    }
    if (mode === 'loop' || mode === 'no-list') {
      const url = `https://intelligence.twilio.com${(request.url ?? '').slice(mode.length + 1)}`;
      const meta = { key: 'services', url, next_page_url: mode === 'loop' ? url : null };
      response.writeHead(200, { 'Content-Type': 'application/json' });
      return response.end(JSON.stringify(mode === 'loop' ? { services: [{ sid: SID('GA'), unique_name: 'loop' }], meta } : { meta }));
    }
    if (mode === 'truncated') {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      return response.end('{"services": [{"sid": "GA0000');
    }
    response.writeHead(403, { 'Content-Type': 'application/json' });
    response.end(
      JSON.stringify({
        code: 20403,
        message: 'Resource not allowed for this account',
        more_info: 'https://www.twilio.com/docs/errors/20403',
        status: 403,
      }),
    );
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function ok(args: string[], env: Env): Promise<string> {
  const result = await ci(args, { env });
  if (result.code !== 0) throw new Error(`setup: ci ${args.join(' ')} → ${result.code}: ${result.stderr}`);
  return result.stdout;
}

beforeAll(async () => {
  emulator = await startTestEmulator({ transcribeDelayMs: 200 });
  slow = await startTestEmulator({ transcribeDelayMs: 60_000 });
  throttled = await startTestEmulator({ faults: { throttleRate: 1 } });
  failing = await startTestEmulator({ faults: { failRate: 1 } });
  fake = await startFakeApi();
  fixtures.env = emulatorEnv(emulator);
  fixtures.slow = emulatorEnv(slow);
  fixtures.throttled = emulatorEnv(throttled);
  fixtures.failing = emulatorEnv(failing);
  fixtures.fake = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
  fixtures.closedPort = await closedPort();

  const dir = tempDir('ci-bad-input-');
  fixtures.dir = dir;
  mkdirSync(join(dir, 'sub'));
  writeFileSync(join(dir, 'one.txt'), `${RE1}\n`);
  writeFileSync(join(dir, 'bad.txt'), `${RE1}\nRE123\n`);
  writeFileSync(join(dir, 'empty.txt'), '');
  writeFileSync(join(dir, 'not.json'), 'this is not JSON');
  writeFileSync(
    join(dir, 'big.json'),
    JSON.stringify({ type: 'object', properties: { a: { type: 'string', description: 'x'.repeat(1024 * 1024) } } }),
  );
  execFileSync('mkfifo', [join(dir, 'fifo')]);
  writeFileSync(join(dir, 'huge.yaml'), `# ${'x'.repeat(4 * 1024 * 1024)}\n`);
  writeFileSync(join(dir, 'long-line.txt'), `${RE1}\n${'x'.repeat(9000)}\n`);
  writeFileSync(join(dir, 'cut.json'), '{"format": 1,\n "collect');
  const configHome = (name: string, text: string) => {
    const home = join(dir, `config-${name}`);
    mkdirSync(join(home, 'twilio-ci'), { recursive: true });
    writeFileSync(join(home, 'twilio-ci', 'config.json'), text, { mode: 0o600 });
    return home;
  };
  fixtures.configHomes = {
    corrupt: configHome('corrupt', '{\n  "profiles": {\n'),
    empty: configHome('empty', ''),
    array: configHome('array', '\n  ["profiles"]\n'),
  };
  const apply = join(dir, 'apply');
  mkdirSync(apply);
  const service = (lines: string) => `services:\n  - uniqueName: bad-input\n${lines}`;
  writeFileSync(join(apply, 'token.yaml'), service('    friendlyName: "${TWILIO_AUTH_TOKEN}"\n'));
  writeFileSync(join(apply, 'secret.yaml'), service('    webhookUrl: https://example.com/hook?token=${HOOK_SECRET}\n'));
  writeFileSync(join(apply, 'escape.yaml'), 'operators:\n  - friendlyName: leak\n    promptFile: ../../../../../etc/passwd\n');
  writeFileSync(join(apply, 'absolute.yaml'), 'operators:\n  - friendlyName: leak\n    prompt: p\n    schemaFile: /etc/passwd\n');
  symlinkSync('/etc/hostname', join(apply, 'link.txt'));
  writeFileSync(join(apply, 'symlink.yaml'), 'operators:\n  - friendlyName: leak\n    promptFile: link.txt\n');
  writeFileSync(join(apply, 'redaction.yaml'), service('    autoRedaction: false\n    mediaRedaction: true\n'));
  writeFileSync(join(apply, 'deep.yaml'), `x: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`);
  writeFileSync(
    join(dir, 'schema.json'),
    JSON.stringify({ type: 'object', properties: { category: { type: 'string' } }, required: ['category'], additionalProperties: false }),
  );

  const env = fixtures.env;
  await ok(['services', 'create', '--unique-name', 'bad-input'], env);
  fixtures.operatorSid = jsonOf<{ sid: string }>(
    await ok(
      ['operators', 'create', '--name', 'classifier', '--prompt', 'classify the call', '--schema', join(dir, 'schema.json'), '--json'],
      env,
    ),
  ).sid;
  fixtures.failedTranscript = jsonOf<{ sid: string }>(
    await ok(['transcribe', '--media-url', `http://127.0.0.1:${fixtures.closedPort}/call.json`, '--service', 'bad-input', '--json'], env),
  ).sid;
  await ok(['services', 'create', '--unique-name', 'bad-input'], fixtures.slow);
  fixtures.queuedTranscript = jsonOf<{ sid: string }>(await ok(['transcribe', RE1, '--service', 'bad-input', '--json'], fixtures.slow)).sid;
}, 60_000);

afterAll(async () => {
  await new Promise((resolve) => fake.close(resolve));
  for (const running of [emulator, slow, throttled, failing]) {
    await running.close();
    expect(running.violations).toEqual([]);
  }
});

describe('bad input: one line, the right exit code, no stack trace', () => {
  it('expects only exit codes that `ci help exit-codes` documents', async () => {
    const help = await ci(['help', 'exit-codes']);
    const documented = [...help.stdout.matchAll(/^ +(\d+) {2}/gm)].map(([, code]) => Number(code));
    expect(documented).toContain(0);
    for (const code of new Set(CASES.map((c) => c.code)))
      expect({ code, documented }).toEqual({ code, documented: expect.arrayContaining([code]) as unknown });
  });

  // Concurrent: each case is its own run against shared, read-mostly fixtures.
  it.concurrent.for(CASES)('$name → exit $code', async (c, { expect }) => {
    const args = c.args(fixtures);
    const env = c.env ? c.env(fixtures) : fixtures.env;
    const result = c.run ? await c.run(args, env) : await ci(args, { env, stdin: c.stdin });
    expect(result.stderr).not.toMatch(/\n\s+at /);
    if (c.error === null) {
      expect(result.stderr).toBe('');
    } else {
      expect(result.stderr).toMatch(/^ci: [^\n]+\n$/);
      expect(result.stderr.slice(0, -1)).toMatch(c.error);
    }
    expect(result.code).toBe(c.code);
  });
});
