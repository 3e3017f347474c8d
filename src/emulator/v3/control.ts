// The emulator's own v3 endpoints (outside Twilio's paths, like /emulator/stats): no Twilio API changes an operator
// version's lifecycle status or ingests a conversation here, so tests and demos use these.
import type { Route } from '../router.js';
import { allowOnly, optionalString, requireObject, requiredString } from './body.js';
import { invalidField, notFound } from './errors.js';
import { seedConversation } from './conversations/seed.js';
import { executionCollection } from './executions/records.js';
import { operatorFrom } from './operators/routes.js';
import {
  findVersion,
  operatorCollection,
  renderVersion,
  VERSION_STATUSES,
  type OperatorVersionRecord,
  type VersionStatus,
} from './operators/records.js';
import { tokenPage } from './paging.js';

/** Time a DEPRECATED version has before it retires, unless a retirementDate is given. */
const DEFAULT_RETIREMENT_DAYS = 90;

export const controlRoutes: Route[] = [
  {
    // Body: {"status": "PREVIEW|ACTIVE|DEPRECATED|RETIRED", "retirementDate"?: ISO date-time (DEPRECATED only)}.
    method: 'POST',
    pattern: '/emulator/v3/Operators/{id}/Versions/{version}',
    handler(context) {
      const operator = operatorFrom(context);
      const requested = context.params.version ?? '';
      const version = findVersion(operator, Number(requested));
      if (!version) throw notFound(`Version of operator ${operator.sid}`, requested);
      const body = requireObject(context.body, '');
      allowOnly(body, '', ['status', 'retirementDate']);
      const status = VERSION_STATUSES.find((known) => known === requiredString(body, 'status', '', { oneOf: VERSION_STATUSES }));
      const retirementDate = optionalString(body, 'retirementDate', '');
      if (retirementDate !== undefined && (status !== 'DEPRECATED' || Number.isNaN(Date.parse(retirementDate)))) {
        throw invalidField('retirementDate', 'is a date-time, and only for status DEPRECATED');
      }
      const changed = withStatus(version, status ?? 'ACTIVE', new Date(), retirementDate);
      const updated = operatorCollection(context.store).replace({
        ...operator,
        versions: operator.versions.map((candidate) => (candidate === version ? changed : candidate)),
      });
      return { status: 200, body: renderVersion(updated, changed) };
    },
  },
  {
    // Body: see conversations/seed.ts and docs/v3.md. Answers 201 with the new IDs.
    method: 'POST',
    pattern: '/emulator/v3/Conversations',
    handler: ({ store, accountSid, body }) => ({ status: 201, body: seedConversation(store, accountSid, body) }),
  },
  {
    // What each rule execution did: results, failures (RETIRED versions…) and DEPRECATED warnings.
    method: 'GET',
    pattern: '/emulator/v3/RuleExecutions',
    handler: ({ store, query }) => ({ status: 200, body: tokenPage(executionCollection(store).entries(), query, (record) => record) }),
  },
];

/** The dates the spec's versions list shows for each status. */
function withStatus(
  version: OperatorVersionRecord,
  status: VersionStatus,
  now: Date,
  retirementDate: string | undefined,
): OperatorVersionRecord {
  const base = { version: version.version, dateCreated: version.dateCreated, definition: version.definition };
  const at = now.toISOString();
  switch (status) {
    case 'PREVIEW':
    case 'ACTIVE':
      return { ...base, status };
    case 'DEPRECATED':
      return {
        ...base,
        status,
        dateDeprecated: version.dateDeprecated ?? at,
        retirementDate: retirementDate ?? new Date(now.getTime() + DEFAULT_RETIREMENT_DAYS * 86_400_000).toISOString(),
      };
    case 'RETIRED':
      return { ...base, status, dateDeprecated: version.dateDeprecated ?? at, dateRetired: at };
  }
}
