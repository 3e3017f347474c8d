// `ci transcribe … --conversation-configuration` (Voice v3 into conversations), `ci transcriptions …`, bad input
// and exit codes, in-process against the emulator (every exchange checked against the specs).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ci } from '../support/cli.js';
import { emulatorEnv } from '../support/ci-env.js';
import { useTestEmulator } from '../support/emulator.js';
import { sdkClient } from '../support/sdk.js';
import { tempDir } from '../support/temp.js';
import { SENTIMENT_OPERATOR_ID, seedConversation } from '../emulator/v3-support.js';

const RECORDING = 'RE00000000000000000000000000000002';
/** --wait, polling faster than the default 2s: a transcription here completes in tens of milliseconds. */
const WAIT = ['--wait', '--interval', '100ms'];

describe('ci transcribe on v3 and ci transcriptions', () => {
  const emulator = useTestEmulator({ transcribeDelayMs: 40 });
  let env: Record<string, string | undefined>;
  let conversationConfigurationId: string;
  let media: Server;
  let mediaUrl: string;
  const dir = tempDir('ci-v3-transcribe-');

  beforeAll(async () => {
    env = emulatorEnv(emulator);
    ({ conversationConfigurationId } = await seedConversation(emulator, { communications: [{ text: 'seed' }] }));
    media = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end('Agent: Thanks for calling, how can I help?\nCustomer: I cannot log in to my account.\n');
    });
    await new Promise<void>((resolve) => media.listen(0, '127.0.0.1', resolve));
    mediaUrl = `http://127.0.0.1:${(media.address() as AddressInfo).port}/call.txt`;
  });
  afterAll(() => new Promise<void>((resolve) => media.close(() => resolve())));

  const json = (stdout: string) => JSON.parse(stdout) as Record<string, unknown>;

  it('creates, shows (by unique name), updates and deletes a transcription configuration', async () => {
    const created = await ci(
      [
        'transcriptions',
        'configurations',
        'create',
        '--name',
        'support',
        '--conversation-configuration',
        conversationConfigurationId,
        '--json',
      ],
      { env },
    );
    expect(created.code, created.stderr).toBe(0);
    const id = String(json(created.stdout).id);
    expect(json(created.stdout)).toMatchObject({
      uniqueName: 'support',
      configuration: { transcriptionEngine: 'deepgram', language: 'en-US', conversationConfigurationId },
    });
    const shown = await ci(['transcriptions', 'configurations', 'show', 'support', '--json'], { env });
    expect(json(shown.stdout).id).toBe(id);
    const updated = await ci(
      ['transcriptions', 'configurations', 'update', 'support', '--language', 'en-GB', '--roles', 'customer,ai_agent', '--json'],
      {
        env,
      },
    );
    expect(updated.code, updated.stderr).toBe(0);
    expect(json(updated.stdout)).toMatchObject({
      id,
      uniqueName: 'support',
      configuration: {
        language: 'en-GB',
        participantDefaults: [
          { audioChannelIndex: 1, type: 'CUSTOMER' },
          { audioChannelIndex: 2, type: 'AI_AGENT' },
        ],
      },
    });
    expect((await ci(['transcriptions', 'configurations', 'delete', id, '--yes'], { env })).code).toBe(0);
    const gone = await ci(['transcriptions', 'configurations', 'show', 'support'], { env });
    expect(gone.code).toBe(4);
    expect(gone.stderr).toMatch(/no transcription configuration named "support"/);
  });

  it('transcribes a recording into a new conversation, reusing its transcription configuration and transcription on a rerun', async () => {
    const args = ['transcribe', RECORDING, '--conversation-configuration', conversationConfigurationId, '--no-close', ...WAIT, '--json'];
    const first = await ci(args, { env });
    expect(first.code, first.stderr).toBe(0);
    const report = json(first.stdout) as { transcription: Record<string, unknown>; operatorResults: unknown[] };
    expect(report.transcription).toMatchObject({ status: 'COMPLETED', sourceId: RECORDING });
    const conversationId = String(report.transcription.conversationId);
    const conversation = await sdkClient(emulator).intelligence.v3.conversations(conversationId).fetch();
    expect(conversation).toMatchObject({ conversationConfigurationId, status: 'ACTIVE' });
    expect(conversation.communications).toHaveLength(5);

    const again = await ci(args, { env });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/already has transcription/);
    expect((json(again.stdout) as typeof report).transcription.id).toBe(report.transcription.id);
    const shown = await ci(['transcriptions', 'configurations', 'show', `ci-${conversationConfigurationId}`, '--json'], { env });
    expect(json(shown.stdout).id).toBe(report.transcription.transcriptionConfigurationId);

    const listed = await ci(['transcriptions', 'list', '--recording', RECORDING, '--json'], { env });
    expect((JSON.parse(listed.stdout) as unknown[]).length).toBe(1);
    const one = await ci(['transcriptions', 'show', String(report.transcription.id), '--json'], { env });
    expect(json(one.stdout)).toMatchObject({ id: report.transcription.id, conversationId });
  });

  it('transcribes a media URL', async () => {
    const run = await ci(
      ['transcribe', '--media-url', mediaUrl, '--conversation-configuration', conversationConfigurationId, '--no-close', ...WAIT, '--json'],
      {
        env,
      },
    );
    expect(run.code, run.stderr).toBe(0);
    const { transcription } = json(run.stdout) as { transcription: Record<string, unknown> };
    const conversation = await sdkClient(emulator).intelligence.v3.conversations(String(transcription.conversationId)).fetch();
    expect(conversation.communications?.map((communication) => communication.content?.text)).toEqual([
      'Thanks for calling, how can I help?',
      'I cannot log in to my account.',
    ]);
  });

  it('takes --interval and --timeout without --wait (it waits for the transcription to close the conversation), not with --no-close', async () => {
    const recording = 'RE00000000000000000000000000000002';
    const closing = await ci(
      [
        'transcribe',
        recording,
        '--conversation-configuration',
        conversationConfigurationId,
        '--interval',
        '250ms',
        '--timeout',
        '2m',
        '--json',
      ],
      { env },
    );
    expect(closing.code, closing.stderr).toBe(0);
    const refused = await ci(
      ['transcribe', recording, '--conversation-configuration', conversationConfigurationId, '--no-close', '--interval', '250ms'],
      { env },
    );
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim()).toBe(
      'ci: --timeout and --interval only apply with --wait, or when ci waits to close the conversation (v3 without --no-close)',
    );
  });

  it('returns at once with --no-close and no --wait', async () => {
    const run = await ci(
      [
        'transcribe',
        'RE00000000000000000000000000000004',
        '--conversation-configuration',
        conversationConfigurationId,
        '--no-close',
        '--json',
      ],
      {
        env,
      },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(json(run.stdout)).toMatchObject({ status: 'PENDING', conversationId: null });
  });

  it('transcribes a file of recordings and media URLs in bulk, once each, NDJSON out', async () => {
    const file = join(dir, 'inputs.txt');
    writeFileSync(file, ['RE00000000000000000000000000000001', 'RE00000000000000000000000000000003', mediaUrl].join('\n'));
    const state = join(dir, 'inputs.state');
    const args = [
      'transcribe',
      '--from-file',
      file,
      '--conversation-configuration',
      conversationConfigurationId,
      '--no-close',
      '--state',
      state,
    ];
    const run = await ci([...args, ...WAIT], { env });
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.slice(0, 3).map((line) => line.outcome)).toEqual(['created', 'created', 'created']);
    expect(lines.slice(3).every((line) => line.status === 'COMPLETED' && typeof line.conversationId === 'string')).toBe(true);
    expect(run.stderr).toMatch(/3 inputs: 3 created, 0 exist, 0 failed/);
    const rerun = await ci(args, { env });
    expect(rerun.stderr).toMatch(/3 inputs: 0 created, 3 exist, 0 failed \(3 resumed\)/);
  });

  it('closes the conversation once transcribed, so its CONVERSATION_END rule runs, and --wait shows the results', async () => {
    const client = sdkClient(emulator);
    const rules = [{ operators: [{ id: SENTIMENT_OPERATOR_ID }], triggers: [{ on: 'CONVERSATION_END' as const }], actions: [] }];
    const intelligence = await client.intelligence.v3.configurations.create({ displayName: 'on-end', rules });
    const seeded = await seedConversation(emulator, {
      intelligenceConfigurationIds: [intelligence.id ?? ''],
      communications: [{ text: 'seed' }],
    });
    const name = String((await client.conversations.v2.configurations(seeded.conversationConfigurationId).fetch()).displayName);
    const run = await ci(['transcribe', 'RE00000000000000000000000000000003', '--conversation-configuration', name, ...WAIT, '--json'], {
      env,
    });
    expect(run.code, run.stderr).toBe(0);
    const report = json(run.stdout) as { transcription: Record<string, unknown>; operatorResults: { operator?: { id?: string } }[] };
    expect(report.operatorResults.map((result) => result.operator?.id)).toEqual([SENTIMENT_OPERATOR_ID]);
    const conversation = await client.intelligence.v3.conversations(String(report.transcription.conversationId)).fetch();
    expect(conversation.status).toBe('CLOSED');
  });

  describe('bad input', () => {
    it.each([
      [['transcribe', RECORDING, '--conversation-configuration', 'x', '--service', 'GA00000000000000000000000000000001'], /--service/],
      [['--generation', 'classic', 'transcribe', RECORDING, '--conversation-configuration', 'x'], /only in Conversational Intelligence v3/],
      [['transcribe', RECORDING, '--service', 'x', '--no-close'], /--no-close applies to v3/],
      [['--generation', 'v3', 'transcribe', RECORDING], /give --conversation-configuration/],
      [['transcribe', RECORDING, '--media-url', 'https://example.com/a.json', '--conversation-configuration', 'x'], /not both/],
      [['transcriptions', 'configurations', 'create', '--name', 'x'], /--conversation-configuration/],
      [['transcriptions', 'configurations', 'update', 'x', '--roles', 'CUSTOMER'], /audio channels 1 and 2/],
      [['transcriptions', 'show', 'nope'], /not a transcription ID/],
    ])('%j → exit 2', async (args, message) => {
      const run = await ci(args, { env });
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
    });

    it('a recording the account does not have → exit 4, one line', async () => {
      const run = await ci(
        ['transcribe', 'RE0000000000000000000000000000ffff', '--conversation-configuration', conversationConfigurationId],
        { env },
      );
      expect(run.code, run.stderr).toBe(4);
      expect(run.stderr).toMatch(/Recording RE0000000000000000000000000000ffff was not found/);
    });
  });
});
