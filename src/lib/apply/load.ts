// From a configuration file to the desired state: parse with positions, expand ${VAR}, validate
// against the schema, read the files it names (relative to the file's folder) and check each
// operator the way `ci operators create` does. Every problem is reported at once, with its place.
import { dirname, resolve } from 'node:path';
import { describeJsonError, parseJson } from '../../schema/json.js';
import { FILE_LIMITS, FileRefusedError, type Files } from '../adapters/files.js';
import type { Env } from '../context.js';
import { parseExamplesFile } from '../operator-input.js';
import { definitionProblems, type GenerativeDefinition, type TrainingExample } from '../operator-schema.js';
import type { ServiceFields } from '../services.js';
import { expandVariables, type ExpansionPolicy } from './env.js';
import { schemaProblems } from './schema.js';
import { SourceFile, type PathSegment, type Problem } from './source.js';

export interface OperatorRef {
  ref: string;
  /** file:line:column, for errors found when the reference is resolved. */
  where: string;
}

export interface DesiredService {
  uniqueName: string;
  /** Only the fields the file gives; the others are left as they are. */
  fields: ServiceFields;
  /** file:line:column of each field the file gives, for rules checked against the account. */
  places?: Partial<Record<keyof ServiceFields, string>>;
  /** Absent: attachments are not managed for this service. */
  operators?: OperatorRef[];
}

export interface DesiredState {
  services: DesiredService[];
  operators: GenerativeDefinition[];
  /** Which lists the file has: --prune never deletes the kind of thing a file does not mention. */
  sections: { services: boolean; operators: boolean };
}

interface FileService extends ServiceFields {
  uniqueName: string;
  operators?: string[];
}

interface FileOperator {
  friendlyName: string;
  prompt?: string;
  promptFile?: string;
  schema?: Record<string, unknown>;
  schemaFile?: string;
  examples?: Array<{ input: string; output: string | object }>;
  examplesFile?: string;
}

interface FileContent {
  services?: FileService[];
  operators?: FileOperator[];
}

/** What loading may use and allow: the environment, the files, and the exceptions the user gave. */
export interface LoadOptions {
  env: Env;
  files: Files;
  /** Variables to expand although their names say secret. */
  allowEnv?: string[];
  /** Let file references leave the file's directory (absolute paths, .., symbolic links). */
  allowOutsideFiles?: boolean;
}

interface FileAccess {
  baseDir: string;
  options: LoadOptions;
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

function exclusive(operator: FileOperator, a: keyof FileOperator, b: keyof FileOperator, path: PathSegment[], problems: Problem[]): void {
  if (operator[a] !== undefined && operator[b] !== undefined)
    problems.push({ path: [...path, b], key: true, message: `give ${a} or ${b}, not both` });
}

async function operatorDefinition(
  operator: FileOperator,
  path: PathSegment[],
  access: FileAccess,
  problems: Problem[],
): Promise<GenerativeDefinition> {
  exclusive(operator, 'prompt', 'promptFile', path, problems);
  exclusive(operator, 'schema', 'schemaFile', path, problems);
  exclusive(operator, 'examples', 'examplesFile', path, problems);
  let prompt = operator.prompt;
  if (operator.promptFile !== undefined) prompt = await readRelative(access, operator.promptFile, [...path, 'promptFile'], problems);
  else if (prompt === undefined) problems.push({ path, message: `operator "${operator.friendlyName}" needs prompt or promptFile` });

  let schema: unknown = operator.schema;
  if (operator.schemaFile !== undefined) {
    const content = await readRelative(access, operator.schemaFile, [...path, 'schemaFile'], problems);
    const parsed = content === undefined ? undefined : parseJson(content);
    if (parsed?.ok) schema = parsed.value;
    else if (parsed)
      problems.push({ path: [...path, 'schemaFile'], message: `${operator.schemaFile} is not JSON (${describeJsonError(parsed)})` });
  }

  let examples: TrainingExample[] = (operator.examples ?? []).map(({ input, output }) => ({
    input,
    output: typeof output === 'string' ? output : JSON.stringify(output),
  }));
  if (operator.examplesFile !== undefined) {
    const content = await readRelative(access, operator.examplesFile, [...path, 'examplesFile'], problems);
    const fileProblems: string[] = [];
    if (content !== undefined) examples = parseExamplesFile(operator.examplesFile, content, fileProblems);
    problems.push(...fileProblems.map((message) => ({ path: [...path, 'examplesFile'], message: message.replace(/^--examples /, '') })));
  }
  const definition: GenerativeDefinition = { friendlyName: operator.friendlyName, prompt: prompt ?? '', schema, examples };
  if (prompt !== undefined)
    problems.push(
      ...definitionProblems(definition).map((message) => ({ path, message: `operator "${operator.friendlyName}": ${message}` })),
    );
  return definition;
}

function duplicates(names: string[], what: string, list: string, key: string, problems: Problem[]): void {
  const seen = new Map<string, number>();
  names.forEach((name, index) => {
    const folded = name.toLowerCase();
    if (seen.has(folded))
      problems.push({ path: [list, index, key], message: `${what} "${name}" is already defined at item ${seen.get(folded)! + 1}` });
    else seen.set(folded, index);
  });
}

/** Rules the API enforces on one service, checked in the file's own terms. */
function serviceRuleProblems(service: FileService, index: number): Problem[] {
  if (service.mediaRedaction === true && service.autoRedaction === false)
    return [{ path: ['services', index, 'mediaRedaction'], key: true, message: 'mediaRedaction needs autoRedaction' }];
  return [];
}

/** Parses and checks text named `name` (a path, or "-" for stdin); throws one usage error listing the problems. */
export async function loadDesiredState(name: string, text: string, options: LoadOptions): Promise<DesiredState> {
  const source = SourceFile.parse(name === '-' ? '<stdin>' : name, text);
  const problems: Problem[] = [];
  const raw = source.value ?? {};
  const policy: ExpansionPolicy = new Set(options.allowEnv ?? []);
  const content = expandVariables(raw, options.env, problems, policy) as FileContent;
  if (problems.length) source.fail(problems);
  problems.push(...schemaProblems(content));
  if (problems.length) source.fail(problems);

  // From stdin, relative paths mean what they mean in the shell: the working directory.
  const access: FileAccess = { baseDir: name === '-' ? resolve('.') : dirname(resolve(name)), options };
  const fileServices = content.services ?? [];
  const fileOperators = content.operators ?? [];
  duplicates(
    fileServices.map((service) => service.uniqueName),
    'service',
    'services',
    'uniqueName',
    problems,
  );
  duplicates(
    fileOperators.map((operator) => operator.friendlyName),
    'operator',
    'operators',
    'friendlyName',
    problems,
  );
  fileServices.forEach((service, index) => problems.push(...serviceRuleProblems(service, index)));

  const operators: GenerativeDefinition[] = [];
  for (const [index, operator] of fileOperators.entries())
    operators.push(await operatorDefinition(operator, ['operators', index], access, problems));
  if (problems.length) source.fail(problems);

  const services = fileServices.map(({ operators: refs, ...fields }, index): DesiredService => ({
    uniqueName: fields.uniqueName,
    fields,
    places: Object.fromEntries(Object.keys(fields).map((field) => [field, source.where(['services', index, field], true)])),
    operators: refs?.map((ref, at) => ({ ref, where: source.where(['services', index, 'operators', at]) })),
  }));
  return { services, operators, sections: { services: content.services !== undefined, operators: content.operators !== undefined } };
}
