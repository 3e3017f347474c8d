import type { Twilio } from 'twilio';
import { ingestConversation, listConversationConfigurations, resolveConversationConfiguration } from '../../lib/conversations-v2.js';
import { UsageError } from '../../lib/errors.js';
import { onlyV3 } from '../shared/generation.js';
import type { Run } from '../spec.js';
import { ingestInBulk } from './ingest-bulk.js';
import { readInputs } from './ingest-inputs.js';
import type { ingest } from './ingest-specs.js';

const COLUMNS = [
  { key: 'source' },
  { key: 'conversationId', header: 'CONVERSATION', id: true },
  { key: 'name' },
  { key: 'communications' },
  { key: 'status' },
];

export const run: Run<typeof ingest> = async (ctx, options, paths) => {
  onlyV3(ctx, 'conversations ingest');
  const given = options.start === undefined ? undefined : dateOf(options.start);
  // Every input is read and checked before anything is sent.
  const { inputs, bulk } = await readInputs(ctx, paths, options.fromFile);
  if (options.name !== undefined && inputs.length > 1)
    throw new UsageError(`--name names one conversation, and there are ${inputs.length}`);
  if (bulk || inputs.length > 1 || options.state !== undefined || options.concurrency !== undefined) {
    const configurationId = async () => configurationIdOf(await ctx.client(), options.configuration);
    return ingestInBulk(ctx, options, inputs, { configurationId, start: given });
  }
  const start = given ?? ctx.now();
  const client = await ctx.client();
  const configurationId = await configurationIdOf(client, options.configuration);
  const rows = [];
  for (const input of inputs) {
    ctx.log.progress(`Ingesting ${input.source}…`);
    const ingested = await ingestConversation(client, input.written, {
      configurationId,
      name: options.name ?? input.name,
      channel: options.channel ?? 'CHAT',
      close: options.close === true,
      start,
    });
    rows.push({ source: input.source, ...ingested });
  }
  return { kind: 'list', rows, columns: COLUMNS };
};

/** The configuration named, or the account's only one. */
async function configurationIdOf(client: Twilio, ref: string | undefined): Promise<string> {
  if (ref !== undefined) return (await resolveConversationConfiguration(client, ref)).id;
  const all = await listConversationConfigurations(client);
  const [only, ...more] = all;
  if (only && more.length === 0) return only.id;
  throw new UsageError(
    all.length === 0
      ? 'there is no conversation configuration yet'
      : `${all.length} conversation configurations: say which with --configuration`,
    {
      hint:
        all.length === 0
          ? 'create one: ci conversations configurations create --name NAME --intelligence-configuration …'
          : 'see `ci conversations configurations list`',
    },
  );
}

function dateOf(value: string): Date {
  const date = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(date.getTime()))
    throw new UsageError(`--start must be an ISO 8601 date-time (got "${value}")`);
  return date;
}
