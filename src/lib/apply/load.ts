// From a configuration file to the desired state: parse with positions, expand ${VAR}, validate
// against the schema, read the files it names (relative to the file's folder) and check each
// operator the way `ci operators create` does. Every problem is reported at once, with its place.
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Env } from '../context.js';
import { parseExamplesFile } from '../operator-input.js';
import { definitionProblems, type GenerativeDefinition, type TrainingExample } from '../operator-schema.js';
import type { ServiceFields } from '../services.js';
import { expandVariables } from './env.js';
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

async function readRelative(baseDir: string, file: string, path: PathSegment[], problems: Problem[]): Promise<string | undefined> {
  try {
    return await readFile(resolve(baseDir, file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    problems.push({
      path,
      message: `cannot read ${file} (${code === 'ENOENT' ? `no such file in ${baseDir}` : (error as Error).message})`,
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
  baseDir: string,
  problems: Problem[],
): Promise<GenerativeDefinition> {
  exclusive(operator, 'prompt', 'promptFile', path, problems);
  exclusive(operator, 'schema', 'schemaFile', path, problems);
  exclusive(operator, 'examples', 'examplesFile', path, problems);
  let prompt = operator.prompt;
  if (operator.promptFile !== undefined) prompt = await readRelative(baseDir, operator.promptFile, [...path, 'promptFile'], problems);
  else if (prompt === undefined) problems.push({ path, message: `operator "${operator.friendlyName}" needs prompt or promptFile` });

  let schema: unknown = operator.schema;
  if (operator.schemaFile !== undefined) {
    const content = await readRelative(baseDir, operator.schemaFile, [...path, 'schemaFile'], problems);
    try {
      if (content !== undefined) schema = JSON.parse(content);
    } catch (error) {
      problems.push({ path: [...path, 'schemaFile'], message: `${operator.schemaFile} is not JSON (${(error as Error).message})` });
    }
  }

  let examples: TrainingExample[] = (operator.examples ?? []).map(({ input, output }) => ({
    input,
    output: typeof output === 'string' ? output : JSON.stringify(output),
  }));
  if (operator.examplesFile !== undefined) {
    const content = await readRelative(baseDir, operator.examplesFile, [...path, 'examplesFile'], problems);
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

/** Parses and checks text named `name` (a path, or "-" for stdin); throws one usage error listing the problems. */
export async function loadDesiredState(name: string, text: string, env: Env): Promise<DesiredState> {
  const source = SourceFile.parse(name === '-' ? '<stdin>' : name, text);
  const problems: Problem[] = [];
  const raw = source.value ?? {};
  const content = expandVariables(raw, env, problems) as FileContent;
  if (problems.length) source.fail(problems);
  problems.push(...schemaProblems(content));
  if (problems.length) source.fail(problems);

  // From stdin, relative paths mean what they mean in the shell: the working directory.
  const baseDir = name === '-' ? resolve('.') : dirname(resolve(name));
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

  const operators: GenerativeDefinition[] = [];
  for (const [index, operator] of fileOperators.entries())
    operators.push(await operatorDefinition(operator, ['operators', index], baseDir, problems));
  if (problems.length) source.fail(problems);

  const services = fileServices.map(({ operators: refs, ...fields }, index): DesiredService => ({
    uniqueName: fields.uniqueName,
    fields,
    operators: refs?.map((ref, at) => ({ ref, where: source.where(['services', index, 'operators', at]) })),
  }));
  return { services, operators, sections: { services: content.services !== undefined, operators: content.operators !== undefined } };
}
