// The account's setup in the file format, so `ci export | ci diff -f -` shows no changes.
import { NotFoundError } from '../errors.js';
import type { Row } from '../output/types.js';
import { GENERATIVE_TYPES } from './plan.js';
import type { CurrentState } from './state.js';
import { exportV3 } from './v3-export.js';

const SERVICE_FIELDS = [
  'friendlyName',
  'languageCode',
  'autoTranscribe',
  'autoRedaction',
  'mediaRedaction',
  'dataLogging',
  'webhookUrl',
  'webhookHttpMethod',
  'encryptionCredentialSid',
];

/** A friendly name when it names one operator only, else the SID. */
function reference(operator: Row, catalogue: Row[]): string {
  const name = String(operator.friendlyName);
  const namesakes = catalogue.filter((row) => String(row.friendlyName).toLowerCase() === name.toLowerCase());
  return namesakes.length === 1 ? name : (operator.sid as string);
}

function exportedService(service: Row, current: CurrentState): Record<string, unknown> {
  const out: Record<string, unknown> = { uniqueName: service.uniqueName };
  for (const field of SERVICE_FIELDS) if (service[field] !== null && service[field] !== undefined) out[field] = service[field];
  const attached = current.attachments.get(service.sid as string) ?? [];
  out.operators = attached.map((sid) => {
    const operator = current.catalogue.find((row) => row.sid === sid);
    return operator ? reference(operator, current.catalogue) : sid;
  });
  return out;
}

function exportedOperator(operator: Row, namesakes: Row[]): Record<string, unknown> {
  const config = (operator.config ?? {}) as { prompt?: string; json_result_schema?: unknown; examples?: unknown[] };
  const name = String(operator.friendlyName).toLowerCase();
  // A name two custom operators share is no key: the file says which one each item is.
  const shared = namesakes.filter((row) => String(row.friendlyName).toLowerCase() === name).length > 1;
  return {
    friendlyName: operator.friendlyName,
    ...(shared ? { sid: operator.sid } : {}),
    prompt: config.prompt ?? '',
    ...(config.json_result_schema === undefined ? {} : { schema: config.json_result_schema }),
    ...(config.examples?.length ? { examples: config.examples } : {}),
  };
}

/**
 * The services (all, or the ones named by unique name or SID) and the generative custom operators:
 * all of them, or with a service filter only those the chosen services use. The v3 section is written
 * when the account's v3 side was read and no service filter narrows the export.
 */
export function exportDocument(current: CurrentState, only: string[] = []): Record<string, unknown> {
  const unknown = only.filter((ref) => !current.services.some((service) => service.uniqueName === ref || service.sid === ref));
  if (unknown.length)
    throw new NotFoundError(`no service with SID or unique name ${unknown.map((ref) => `"${ref}"`).join(', ')}`, {
      hint: 'see `ci services list`',
    });
  const services = only.length
    ? current.services.filter((service) => only.includes(service.uniqueName as string) || only.includes(service.sid as string))
    : current.services;
  const used = new Set(services.flatMap((service) => current.attachments.get(service.sid as string) ?? []));
  const operators = current.catalogue.filter(
    (operator) =>
      current.customSids.has(operator.sid as string) &&
      GENERATIVE_TYPES.has(operator.operatorType as string) &&
      (!only.length || used.has(operator.sid as string)),
  );
  const custom = current.catalogue.filter((operator) => current.customSids.has(operator.sid as string));
  const v3 = current.v3 && !only.length ? exportV3(current.v3) : undefined;
  return escapeReferences({
    services: services.map((service) => exportedService(service, current)),
    operators: operators.map((operator) => exportedOperator(operator, custom)),
    ...(v3 ? { v3 } : {}),
  }) as Record<string, unknown>;
}

/** A literal "${" in the account's values is written "$${", so applying the export does not expand it. */
function escapeReferences(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(/\$\{/g, () => '$${');
  if (Array.isArray(value)) return value.map(escapeReferences);
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, escapeReferences(item)]));
  return value;
}
