// /v3/OperatorResults: list (filtered by conversation, configuration, operator), fetch, delete.
import { optionalString, type ParamMap } from '../../params.js';
import type { RequestContext, Route } from '../../router.js';
import { invalidField, notFound } from '../errors.js';
import { isId, type IdKind } from '../ids.js';
import { tokenPage } from '../paging.js';
import { renderResult, resultCollection, type OperatorResultRecord } from './records.js';

/** An ID filter: absent, or well-formed (a malformed one is a 400 naming the parameter, as the spec's patterns say). */
export function idFilter(query: ParamMap, name: string, kind: IdKind): string | undefined {
  const value = optionalString(query, name);
  if (value !== undefined && !isId(kind, value)) throw invalidField(name, `'${value}' is not a ${kind} id`);
  return value;
}

function resultFrom(context: RequestContext): OperatorResultRecord {
  const id = context.params.operatorResultId ?? '';
  const result = isId('operatorResult', id) ? resultCollection(context.store).get(id) : undefined;
  if (!result) throw notFound('Operator Result', id);
  return result;
}

export const resultRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/v3/OperatorResults',
    handler({ store, query }) {
      const conversationId = idFilter(query, 'conversationId', 'conversation');
      const configurationId = idFilter(query, 'intelligenceConfigurationId', 'configuration');
      const operatorId = idFilter(query, 'operatorId', 'operator');
      const entries = resultCollection(store)
        .entries()
        .filter(
          ({ value }) =>
            (conversationId === undefined || value.conversationId === conversationId) &&
            (configurationId === undefined || value.intelligenceConfiguration.id === configurationId) &&
            (operatorId === undefined || value.operator.id === operatorId),
        );
      return { status: 200, body: tokenPage(entries, query, renderResult) };
    },
  },
  {
    method: 'GET',
    pattern: '/v3/OperatorResults/{operatorResultId}',
    handler: (context) => ({ status: 200, body: renderResult(resultFrom(context)) }),
  },
  {
    method: 'DELETE',
    pattern: '/v3/OperatorResults/{operatorResultId}',
    handler(context) {
      resultCollection(context.store).delete(resultFrom(context).sid);
      return { status: 204 };
    },
  },
];
