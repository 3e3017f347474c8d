// The parts of an operator a file may give inline or by file (prompt, schema, training examples), read
// relative to the configuration file's folder: shared by classic and v3 operators.
import { resolve } from 'node:path';
import { describeJsonError, parseJson } from '../../schema/json.js';
import { FILE_LIMITS, FileRefusedError, type Files } from '../adapters/files.js';
import type { Env } from '../context.js';
import { parseExamplesFile } from '../operator-input.js';
import type { TrainingExample } from '../operator-schema.js';
import type { PathSegment, Problem } from './source.js';

/** What loading may use and allow: the environment, the files, and the exceptions the user gave. */
export interface LoadOptions {
  env: Env;
  files: Files;
  /** Variables to expand although their names say secret. */
  allowEnv?: string[];
  /** Let file references leave the file's directory (absolute paths, .., symbolic links). */
  allowOutsideFiles?: boolean;
}

export interface FileAccess {
  baseDir: string;
  options: LoadOptions;
}

/** The keys an operator item uses for its parts. */
export interface FileParts {
  prompt?: string;
  promptFile?: string;
  schema?: Record<string, unknown>;
  schemaFile?: string;
  examples?: Array<{ input: string; output: string | object }>;
  examplesFile?: string;
}

export interface Parts {
  prompt?: string;
  schema?: unknown;
  examples: TrainingExample[];
}

/** A file the configuration names: inside its directory unless allowed, a regular file, at most 1 MiB. */
async function readRelative(access: FileAccess, file: string, path: PathSegment[], problems: Problem[]): Promise<string | undefined> {
  const { baseDir, options } = access;
  const place = await options.files.resolveInside(baseDir, file);
  if ('outside' in place && !options.allowOutsideFiles) {
    problems.push({
      path,
      message: `${file} is refused: ${place.outside} (files must be inside the configuration file's directory)`,
      allow: { outsideFiles: true },
    });
    return undefined;
  }
  const target = 'path' in place ? place.path : resolve(baseDir, file);
  try {
    return await options.files.readText(target, { limit: FILE_LIMITS.operatorPart, what: String(path.at(-1)) });
  } catch (error) {
    if (!(error instanceof FileRefusedError)) throw error;
    problems.push({
      path,
      message: `cannot read ${file} (${error.reason === 'no such file' ? `no such file in ${baseDir}` : error.reason})`,
    });
    return undefined;
  }
}

function exclusive(item: FileParts, a: keyof FileParts, b: keyof FileParts, path: PathSegment[], problems: Problem[]): void {
  if (item[a] !== undefined && item[b] !== undefined)
    problems.push({ path: [...path, b], key: true, message: `give ${a} or ${b}, not both` });
}

/** Prompt, schema and examples, inline or from their files; an example's JSON output becomes its compact text. */
export async function readParts(item: FileParts, path: PathSegment[], access: FileAccess, problems: Problem[]): Promise<Parts> {
  exclusive(item, 'prompt', 'promptFile', path, problems);
  exclusive(item, 'schema', 'schemaFile', path, problems);
  exclusive(item, 'examples', 'examplesFile', path, problems);
  let prompt = item.prompt;
  if (item.promptFile !== undefined) prompt = await readRelative(access, item.promptFile, [...path, 'promptFile'], problems);

  let schema: unknown = item.schema;
  if (item.schemaFile !== undefined) {
    const content = await readRelative(access, item.schemaFile, [...path, 'schemaFile'], problems);
    const parsed = content === undefined ? undefined : parseJson(content);
    if (parsed?.ok) schema = parsed.value;
    else if (parsed)
      problems.push({ path: [...path, 'schemaFile'], message: `${item.schemaFile} is not JSON (${describeJsonError(parsed)})` });
  }

  let examples: TrainingExample[] = (item.examples ?? []).map(({ input, output }) => ({
    input,
    output: typeof output === 'string' ? output : JSON.stringify(output),
  }));
  if (item.examplesFile !== undefined) {
    const content = await readRelative(access, item.examplesFile, [...path, 'examplesFile'], problems);
    const fileProblems: string[] = [];
    if (content !== undefined) examples = parseExamplesFile(item.examplesFile, content, fileProblems);
    problems.push(...fileProblems.map((message) => ({ path: [...path, 'examplesFile'], message: message.replace(/^--examples /, '') })));
  }
  return { prompt, schema, examples };
}

/**
 * Reports items whose key another item already has. `keyOf` gives the item's identity (a name, folded
 * or exact, or an ID where the file gives one), and the path segment to point at.
 */
export function duplicates(
  keys: Array<{ key: string; shown: string; field: string }>,
  what: string,
  list: PathSegment[],
  problems: Problem[],
): void {
  const seen = new Map<string, number>();
  keys.forEach(({ key, shown, field }, index) => {
    const first = seen.get(key);
    if (first !== undefined)
      problems.push({ path: [...list, index, field], message: `${what} "${shown}" is already defined at item ${first + 1}` });
    else seen.set(key, index);
  });
}

/** The keys of v3 items: an exact display name, or the ID where the item gives one (two may then share a name). */
export function displayNameKeys(items: Array<{ displayName: string; id?: string }>): Array<{ key: string; shown: string; field: string }> {
  return items.map(({ displayName, id }) =>
    id === undefined ? { key: `name:${displayName}`, shown: displayName, field: 'displayName' } : { key: id, shown: id, field: 'id' },
  );
}

/** A URL a webhook or status callback may have: http or https. */
export function isHttpUrl(value: string): boolean {
  return URL.canParse(value) && /^https?:$/.test(new URL(value).protocol);
}
