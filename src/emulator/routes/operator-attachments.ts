// /v2/Services/{ServiceSid}/Operators[/{OperatorSid}]: which operators run on a service's
// transcripts. The list lives on the service record (read_only_attached_operator_sids), in
// attach order.
import { notFound } from '../errors.js';
import { findOperator } from '../operators/lookup.js';
import type { RequestContext, Route } from '../router.js';
import { isSid } from '../sid.js';
import type { Store } from '../store.js';
import { servicesIn, type ServiceRecord } from '../services/record.js';
import { serviceFromPath } from './services.js';

export const attachmentRoutes: Route[] = [
  { method: 'GET', pattern: '/v2/Services/{ServiceSid}/Operators', handler: listAttachments },
  { method: 'POST', pattern: '/v2/Services/{ServiceSid}/Operators/{OperatorSid}', handler: attach },
  { method: 'DELETE', pattern: '/v2/Services/{ServiceSid}/Operators/{OperatorSid}', handler: detach },
];

function listAttachments(context: RequestContext) {
  const service = serviceFromPath(context, 'ServiceSid');
  return {
    status: 200,
    body: {
      service_sid: service.sid,
      operator_sids: service.read_only_attached_operator_sids,
      url: `${context.origin}/v2/Services/${service.sid}/Operators`,
    },
  };
}

function attachmentPath(service: ServiceRecord, operatorSid: string): string {
  return `/v2/Services/${service.sid}/Operators/${operatorSid}`;
}

/** Attaching twice is harmless: the operator keeps its place and the answer is the same. */
function attach(context: RequestContext) {
  const service = serviceFromPath(context, 'ServiceSid');
  const operatorSid = context.params.OperatorSid ?? '';
  const operator = isSid(operatorSid, 'LY') ? findOperator(context.store, operatorSid) : undefined;
  if (!operator) throw notFound(`/v2/Operators/${operatorSid}`);
  if (!service.read_only_attached_operator_sids.includes(operator.sid)) {
    setAttached(context.store, service, [...service.read_only_attached_operator_sids, operator.sid]);
  }
  return {
    status: 202,
    body: { service_sid: service.sid, operator_sid: operator.sid, url: `${context.origin}${attachmentPath(service, operator.sid)}` },
  };
}

function detach(context: RequestContext) {
  const service = serviceFromPath(context, 'ServiceSid');
  const operatorSid = context.params.OperatorSid ?? '';
  if (!service.read_only_attached_operator_sids.includes(operatorSid)) throw notFound(attachmentPath(service, operatorSid));
  setAttached(
    context.store,
    service,
    service.read_only_attached_operator_sids.filter((sid) => sid !== operatorSid),
  );
  return { status: 204 };
}

/** Removes an operator from every service it is attached to (it is being deleted). */
export function detachEverywhere(store: Store, operatorSid: string): void {
  for (const { value: service } of [...servicesIn(store).entries()]) {
    if (service.read_only_attached_operator_sids.includes(operatorSid)) {
      setAttached(
        store,
        service,
        service.read_only_attached_operator_sids.filter((sid) => sid !== operatorSid),
      );
    }
  }
}

function setAttached(store: Store, service: ServiceRecord, operatorSids: string[]): void {
  servicesIn(store).replace({ ...service, read_only_attached_operator_sids: operatorSids });
}
