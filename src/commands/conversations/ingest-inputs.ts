// What `ci conversations ingest` is given, read and parsed before anything is sent: files, folders of files, or a
// JSONL file of inputs. Each becomes one written conversation with the name it goes by.
import { basename, dirname, extname, resolve } from 'node:path';
import type { Context } from '../../lib/context.js';
import { FILE_LIMITS } from '../../lib/adapters/files.js';
import { parseConversationText, type WrittenConversation } from '../../lib/conversation-text.js';
import { UsageError } from '../../lib/errors.js';

export interface IngestInput {
  /** Where it came from: a file path, or `<jsonl>:<line>`. */
  source: string;
  name: string;
  written: WrittenConversation;
}

const BULK_KEYS = new Set(['file', 'text', 'utterances', 'name']);

/** The inputs, and whether they came in bulk (a folder, a JSONL file) rather than as files named one by one. */
export async function readInputs(
  ctx: Context,
  paths: readonly string[],
  fromFile: string | undefined,
): Promise<{ inputs: IngestInput[]; bulk: boolean }> {
  const inputs: IngestInput[] = [];
  let bulk = fromFile !== undefined;
  for (const path of paths) {
    const folder = await ctx.files.directoryFiles(path);
    if (folder?.length === 0) throw new UsageError(`${path} is an empty folder`);
    if (folder) bulk = true;
    for (const file of folder ?? [path]) inputs.push(await fileInput(ctx, file, file));
  }
  if (fromFile !== undefined) {
    for await (const line of ctx.files.readLines(fromFile, { limit: FILE_LIMITS.conversation, what: '--from-file' })) {
      if (line.text.trim() === '') continue;
      inputs.push(await bulkInput(ctx, fromFile, line.number, line.text));
    }
  }
  if (inputs.length === 0) throw new UsageError('nothing to ingest: give a file, a folder or --from-file');
  return { inputs, bulk };
}

async function fileInput(ctx: Context, file: string, source: string, name?: string): Promise<IngestInput> {
  const text = await ctx.files.readText(file, { limit: FILE_LIMITS.conversation, what: source });
  return { source, name: name ?? basename(file, extname(file)), written: parseConversationText(text, source) };
}

async function bulkInput(ctx: Context, fromFile: string, number: number, text: string): Promise<IngestInput> {
  const source = `${fromFile}:${number}`;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${source}: not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UsageError(`${source}: expected a JSON object`);
  const fields = Object.fromEntries(Object.entries(value));
  const unknown = Object.keys(fields).find((key) => !BULK_KEYS.has(key));
  if (unknown !== undefined) throw new UsageError(`${source}: unknown field "${unknown}" (fields: file, text, utterances, name)`);
  const given = ['file', 'text', 'utterances'].filter((key) => fields[key] !== undefined);
  if (given.length !== 1) throw new UsageError(`${source}: give exactly one of "file", "text" or "utterances"`);
  const { file, text: written, utterances, name } = fields;
  if (name !== undefined && (typeof name !== 'string' || name.trim() === ''))
    throw new UsageError(`${source}: "name" must be a non-empty string`);
  const named = typeof name === 'string' ? name : undefined;
  if (file !== undefined) {
    if (typeof file !== 'string' || file === '') throw new UsageError(`${source}: "file" must be a path`);
    // A path in the file is relative to the file.
    return fileInput(ctx, resolve(dirname(fromFile), file), source, named);
  }
  if (written !== undefined) {
    if (typeof written !== 'string') throw new UsageError(`${source}: "text" must be a string`);
    return { source, name: named ?? `line ${number}`, written: parseConversationText(written, source) };
  }
  if (!Array.isArray(utterances)) throw new UsageError(`${source}: "utterances" must be an array of {participant, text, at}`);
  const lines = utterances.map((utterance: unknown) => JSON.stringify(utterance)).join('\n');
  return { source, name: named ?? `line ${number}`, written: parseConversationText(lines, source) };
}
