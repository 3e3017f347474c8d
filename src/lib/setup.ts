// `ci setup`: the seed article's Console steps as questions, then the same work as the
// non-interactive commands would do. The questions go through the Prompter interface (inquirer
// in use, a script in tests); nothing here prints.
import type { Twilio } from 'twilio';
import { UsageError, toCliError } from './errors.js';
import { readDefinitionParts, type DefinitionSources, EXAMPLE_SEPARATOR } from './operator-input.js';
import { resultSchemaProblems, type GenerativeDefinition } from './operator-schema.js';
import { assertNameFree, type NamedOperator } from './operator-names.js';
import { attachOperators, createGenerativeOperator, customOperatorNames, listOperators, newDefinition } from './operators.js';
import type { Row } from './output/types.js';
import type { Choice, Prompter, Validator } from './prompter.js';
import { createService, listServices, uniqueNameProblem, type ServiceFields, type WebhookMethod } from './services.js';
import type { Files } from './adapters/files.js';
import { textOf } from './rows.js';

/** Pre-selected in the checkbox list, as in the seed article. */
export const DEFAULT_PREBUILT = ['Conversation Summary', 'Sentiment Analysis'];

export interface SetupPlan {
  service: ServiceFields & { uniqueName: string };
  prebuilt: Array<{ sid: string; friendlyName: string }>;
  generative?: { sources: DefinitionSources; definition: GenerativeDefinition };
}

export interface SetupOutcome {
  serviceSid: string;
  uniqueName: string;
  attachedOperatorSids: string[];
  customOperatorSid?: string;
  /** The non-interactive commands that reproduce the same result. */
  commands: string[];
}

/** Where the wizard reports what it is doing and what went wrong with an answer (stderr on a terminal). */
export interface SetupLog {
  progress(message: string): void;
  warn(message: string): void;
}

const httpUrlOrEmpty = (value: string): true | string => {
  if (!value.trim()) return true;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? true : 'an http or https URL';
  } catch {
    return 'a full URL, e.g. https://example.com/ci-webhook (empty for none)';
  }
};

/**
 * A file checked as soon as it is named (empty for none): readable, parsed, and a schema a result
 * can have, so a wrong path is asked again at once; never '-': stdin is answering the questions.
 */
const readableOrEmpty =
  (part: 'schema' | 'examples', files: Files): Validator =>
  async (value) => {
    const path = value.trim();
    if (!path) return true;
    if (path === '-') return 'a file path (stdin is answering these questions)';
    const parts = await readDefinitionParts({ [part]: path }, files);
    const problems = [...parts.problems, ...(part === 'schema' && parts.schema !== undefined ? resultSchemaProblems(parts.schema) : [])];
    return problems.length ? problems.map((problem) => problem.replace(/^--\S+ /, '')).join('; ') : true;
  };

/** A name no custom operator has yet: a second one would break every later lookup by that name. */
const freeOperatorName =
  (existing: NamedOperator[]): Validator =>
  (value) => {
    if (!value.trim()) return 'a name is required';
    try {
      assertNameFree(existing, value.trim());
      return true;
    } catch (error) {
      if (error instanceof UsageError) return error.message;
      throw error;
    }
  };

const required =
  (what: string) =>
  (value: string): true | string =>
    value.trim() ? true : `${what} is required`;

export async function askSetupPlan(prompter: Prompter, client: Twilio, files: Files, log: SetupLog): Promise<SetupPlan> {
  const uniqueName = await askFreeUniqueName(prompter, client, log);
  const languageCode = (
    await prompter.input('Language of the conversations', { default: 'en-US', validate: required('a language code') })
  ).trim();
  const autoTranscribe = await prompter.confirm('Transcribe every recording of the account automatically?', false);
  const autoRedaction = await prompter.confirm('Redact PII in transcripts?', false);
  const mediaRedaction = autoRedaction ? await prompter.confirm('Redact PII in the media (audio) too?', false) : false;
  const webhookUrl = (
    await prompter.input('Webhook URL, called when a transcript is ready (empty for none)', { default: '', validate: httpUrlOrEmpty })
  ).trim();
  const webhookHttpMethod = webhookUrl
    ? await prompter.select<WebhookMethod>('Webhook HTTP method', [
        { name: 'POST', value: 'POST' },
        { name: 'GET', value: 'GET' },
      ])
    : undefined;

  const catalogue: Row[] = [];
  for await (const operator of listOperators(client, { source: 'prebuilt', languageCode })) catalogue.push(operator);
  // By name only, so the answer echoes as a list of names; the description shows for the highlighted one.
  const choices: Choice<Row>[] = catalogue.map((operator) => ({
    name: String(operator.friendlyName),
    value: operator,
    checked: DEFAULT_PREBUILT.includes(textOf(operator, 'friendlyName')),
    ...(typeof operator.description === 'string' && operator.description ? { description: operator.description } : {}),
  }));
  const picked = choices.length ? await prompter.checkbox('Pre-built operators to attach', choices) : [];

  const service = {
    uniqueName,
    languageCode,
    autoTranscribe,
    autoRedaction,
    mediaRedaction,
    ...(webhookUrl ? { webhookUrl, webhookHttpMethod } : {}),
  };
  const prebuilt = picked.map((operator) => ({ sid: textOf(operator, 'sid'), friendlyName: textOf(operator, 'friendlyName') }));
  const generative = (await prompter.confirm('Create a generative custom operator too?', false))
    ? await askGenerative(prompter, files, log, await customOperatorNames(client))
    : undefined;
  return { service, prebuilt, generative };
}

/** Asks again while the name is taken, rather than failing at the very end. */
async function askFreeUniqueName(prompter: Prompter, client: Twilio, log: SetupLog): Promise<string> {
  for (;;) {
    const uniqueName = (
      await prompter.input('Unique name of the service', {
        validate: (value) => (value.trim() ? (uniqueNameProblem(value.trim()) ?? true) : 'a unique name is required'),
      })
    ).trim();
    if (!(await serviceExists(client, uniqueName))) return uniqueName;
    log.warn(`a service named ${uniqueName} already exists; choose another name`);
  }
}

async function serviceExists(client: Twilio, uniqueName: string): Promise<boolean> {
  for await (const service of listServices(client)) if (service.uniqueName === uniqueName) return true;
  return false;
}

interface GenerativeAnswers {
  name?: string;
  how?: 'editor' | 'inline';
  prompt?: string;
  schema?: string;
  examples?: string;
  example: string[];
}

/** Asks until the operator is valid (every problem shown each round), or the person gives up; a retry starts from the last answers. */
async function askGenerative(prompter: Prompter, files: Files, log: SetupLog, existing: NamedOperator[]): Promise<SetupPlan['generative']> {
  let last: GenerativeAnswers = { example: [] };
  for (;;) {
    last = await askGenerativeOnce(prompter, files, last, existing);
    const sources: DefinitionSources = {
      prompt: last.prompt,
      schema: last.schema,
      examples: last.examples,
      ...(last.example.length ? { example: last.example } : {}),
    };
    const { definition, problems } = newDefinition(last.name ?? '', await readDefinitionParts(sources, files));
    if (!problems.length) return { sources, definition };
    log.warn(`the operator is not valid: ${problems.join('; ')}`);
    if (!(await prompter.confirm('Try again?', true))) return undefined;
  }
}

async function askGenerativeOnce(
  prompter: Prompter,
  files: Files,
  last: GenerativeAnswers,
  existing: NamedOperator[],
): Promise<GenerativeAnswers> {
  const name = (await prompter.input('Name of the operator', { default: last.name, validate: freeOperatorName(existing) })).trim();
  const how = await prompter.select(
    'How do you want to write the prompt?',
    [
      { name: 'in $EDITOR', value: 'editor' as const },
      { name: 'on one line here', value: 'inline' as const },
    ],
    last.how,
  );
  const prompt =
    how === 'editor'
      ? (await prompter.editor('Prompt', last.prompt)).trim()
      : await prompter.input('Prompt', { default: last.prompt, validate: required('a prompt') });
  const schema =
    (
      await prompter.input('JSON Schema file for a JSON result (empty for a text result)', {
        default: last.schema ?? '',
        validate: readableOrEmpty('schema', files),
      })
    ).trim() || undefined;
  const examples =
    (
      await prompter.input('Training examples file: .json, .jsonl or .csv (empty to type them here)', {
        default: last.examples ?? '',
        validate: readableOrEmpty('examples', files),
      })
    ).trim() || undefined;
  const typed = last.example.length === 1 ? 'the example' : `the ${last.example.length} examples`;
  const kept = !examples && last.example.length && (await prompter.confirm(`Keep ${typed} typed before?`, true)) ? last.example : [];
  const example = [...kept];
  while (!examples) {
    const input = (await prompter.input('Example conversation (empty when done)', { default: '' })).trim();
    if (!input) break;
    const output = (await prompter.input('Expected output', { validate: required('an expected output') })).trim();
    example.push(`${input}${EXAMPLE_SEPARATOR}${output}`);
  }
  return { name, how, prompt, schema, examples, example };
}

/** What will be created, for the confirmation. */
export function planSummary(plan: SetupPlan): string[] {
  const { service } = plan;
  return [
    `Service ${service.uniqueName} (${service.languageCode ?? 'en-US'})`,
    `  auto-transcribe ${service.autoTranscribe ? 'on' : 'off'}, PII redaction ${service.autoRedaction ? (service.mediaRedaction ? 'on (media too)' : 'on') : 'off'}`,
    `  webhook ${service.webhookUrl ? `${service.webhookHttpMethod ?? 'POST'} ${service.webhookUrl}` : 'none'}`,
    `Pre-built operators: ${plan.prebuilt.map((operator) => operator.friendlyName).join(', ') || 'none'}`,
    `Generative operator: ${plan.generative ? `${plan.generative.definition.friendlyName} (${plan.generative.definition.schema === undefined ? 'text' : 'JSON'} result, ${plan.generative.definition.examples.length} examples)` : 'none'}`,
  ];
}

/** Creates the service, attaches the operators, creates and attaches the generative one. */
export async function applySetup(client: Twilio, plan: SetupPlan, log: SetupLog): Promise<SetupOutcome> {
  const service = await createService(client, plan.service);
  const serviceSid = textOf(service, 'sid');
  log.progress(`Created service ${serviceSid}.`);
  let customOperatorSid: string | undefined;
  try {
    if (plan.prebuilt.length)
      await attachOperators(
        client,
        serviceSid,
        plan.prebuilt.map((operator) => operator.sid),
      );
    if (plan.generative) {
      const operator = await createGenerativeOperator(client, plan.generative.definition);
      customOperatorSid = textOf(operator, 'sid');
      await attachOperators(client, serviceSid, [customOperatorSid]);
    }
  } catch (error) {
    // Say what already exists, so a rerun does not trip over it.
    throw toCliError(
      error,
      `service ${serviceSid} was created${customOperatorSid ? ` and operator ${customOperatorSid}` : ''}, but the setup did not finish`,
    );
  }
  const attachedOperatorSids = [...plan.prebuilt.map((operator) => operator.sid), ...(customOperatorSid ? [customOperatorSid] : [])];
  return { serviceSid, uniqueName: plan.service.uniqueName, attachedOperatorSids, customOperatorSid, commands: setupCommands(plan) };
}

/** The non-interactive twin of a plan: commands that create the same service and operators. */
export function setupCommands(plan: SetupPlan): string[] {
  const { service } = plan;
  const name = shellQuote(service.uniqueName);
  const create = ['ci services create --unique-name', name, '--language-code', shellQuote(service.languageCode ?? 'en-US')];
  create.push(service.autoTranscribe ? '--auto-transcribe' : '--no-auto-transcribe');
  if (service.autoRedaction) create.push('--auto-redaction');
  if (service.mediaRedaction) create.push('--media-redaction');
  if (service.webhookUrl)
    create.push('--webhook-url', shellQuote(service.webhookUrl), '--webhook-method', service.webhookHttpMethod ?? 'POST');
  const commands = [create.join(' ')];
  if (plan.prebuilt.length)
    commands.push(['ci operators attach', name, ...plan.prebuilt.map((operator) => shellQuote(operator.friendlyName))].join(' '));
  if (plan.generative) {
    const { sources, definition } = plan.generative;
    const operator = ['ci operators create --name', shellQuote(definition.friendlyName), '--prompt', shellQuote(definition.prompt)];
    if (sources.schema) operator.push('--schema', shellQuote(sources.schema));
    if (sources.examples) operator.push('--examples', shellQuote(sources.examples));
    for (const example of sources.example ?? []) operator.push('--example', shellQuote(example));
    operator.push('--attach', name);
    commands.push(operator.join(' '));
  }
  return commands;
}

/** POSIX shell quoting: plain words stay as they are, anything else goes in single quotes. */
export function shellQuote(value: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
