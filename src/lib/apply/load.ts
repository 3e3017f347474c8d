// From a configuration file to the desired state: parse with positions, expand ${VAR}, validate
// against the schema, read the files it names (relative to the file's folder) and check each
// operator the way `ci operators create` does. Every problem is reported at once, with its place.
import { dirname, resolve } from 'node:path';
import { definitionProblems, type GenerativeDefinition } from '../operator-schema.js';
import type { ServiceFields } from '../services.js';
import { expandVariables, type ExpansionPolicy } from './env.js';
import { duplicates, readParts, type FileAccess, type FileParts, type LoadOptions } from './parts.js';
import { schemaProblems } from './schema.js';
import { SourceFile, type PathSegment, type Problem } from './source.js';
import { loadV3, type DesiredV3, type FileV3 } from './v3-load.js';

export type { LoadOptions };

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

export interface DesiredOperator extends GenerativeDefinition {
  /** Given only to pick one of several custom operators that share the name. */
  sid?: string;
  /** file:line:column of the item, for problems found against the account. */
  where?: string;
}

export interface DesiredState {
  services: DesiredService[];
  operators: DesiredOperator[];
  /** Which lists the file has: --prune never deletes the kind of thing a file does not mention. */
  sections: { services: boolean; operators: boolean };
  v3?: DesiredV3;
}

interface FileService extends ServiceFields {
  uniqueName: string;
  operators?: string[];
}

interface FileOperator extends FileParts {
  friendlyName: string;
  sid?: string;
}

interface FileContent {
  services?: FileService[];
  operators?: FileOperator[];
  v3?: FileV3;
}

async function operatorDefinition(
  operator: FileOperator,
  path: PathSegment[],
  access: FileAccess,
  problems: Problem[],
): Promise<DesiredOperator> {
  const { prompt, schema, examples } = await readParts(operator, path, access, problems);
  if (operator.prompt === undefined && operator.promptFile === undefined)
    problems.push({ path, message: `operator "${operator.friendlyName}" needs prompt or promptFile` });
  const definition: DesiredOperator = {
    friendlyName: operator.friendlyName,
    ...(operator.sid === undefined ? {} : { sid: operator.sid }),
    prompt: prompt ?? '',
    schema,
    examples,
  };
  if (prompt !== undefined)
    problems.push(
      ...definitionProblems(definition).map((message) => ({ path, message: `operator "${operator.friendlyName}": ${message}` })),
    );
  return definition;
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
    fileServices.map((service) => ({ key: service.uniqueName, shown: service.uniqueName, field: 'uniqueName' })),
    'service',
    ['services'],
    problems,
  );
  // Two operators may share a name only when each says which one it is (its SID).
  duplicates(
    fileOperators.map(({ friendlyName, sid }) =>
      sid === undefined
        ? { key: friendlyName.toLowerCase(), shown: friendlyName, field: 'friendlyName' }
        : { key: sid, shown: sid, field: 'sid' },
    ),
    'operator',
    ['operators'],
    problems,
  );
  fileServices.forEach((service, index) => problems.push(...serviceRuleProblems(service, index)));

  const operators: DesiredOperator[] = [];
  for (const [index, operator] of fileOperators.entries())
    operators.push({
      ...(await operatorDefinition(operator, ['operators', index], access, problems)),
      where: source.where(['operators', index]),
    });
  const v3 = await loadV3(content.v3, access, source, problems);
  if (problems.length) source.fail(problems);

  const services = fileServices.map(({ operators: refs, ...fields }, index): DesiredService => ({
    uniqueName: fields.uniqueName,
    fields,
    places: Object.fromEntries(Object.keys(fields).map((field) => [field, source.where(['services', index, field], true)])),
    operators: refs?.map((ref, at) => ({ ref, where: source.where(['services', index, 'operators', at]) })),
  }));
  return {
    services,
    operators,
    sections: { services: content.services !== undefined, operators: content.operators !== undefined },
    v3,
  };
}
