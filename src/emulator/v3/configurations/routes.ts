// /v3/ControlPlane/Configurations: create (201), list, fetch, PUT (rules with an id are updated, without one
// created; the version increments), delete (204).
import type { RequestContext, Route } from '../../router.js';
import { notFound } from '../errors.js';
import { isId, newId } from '../ids.js';
import { tokenPage } from '../paging.js';
import { configurationCollection, renderConfiguration, type ConfigurationRecord } from './records.js';
import { readConfiguration } from './validate.js';

const BASE = '/v3/ControlPlane/Configurations';

function configurationFrom(context: RequestContext): ConfigurationRecord {
  const id = context.params.id ?? '';
  const configuration = isId('configuration', id) ? configurationCollection(context.store).get(id) : undefined;
  if (!configuration) throw notFound('Intelligence Configuration', id);
  return configuration;
}

export const configurationRoutes: Route[] = [
  {
    method: 'POST',
    pattern: BASE,
    handler({ body, store, accountSid }) {
      const fields = readConfiguration(body, { store, accountSid });
      const now = new Date().toISOString();
      const configuration = configurationCollection(store).insert({
        sid: newId('configuration'),
        accountSid,
        ...fields,
        version: 1,
        dateCreated: now,
        dateUpdated: now,
      });
      return { status: 201, body: renderConfiguration(configuration) };
    },
  },
  {
    method: 'GET',
    pattern: BASE,
    handler: ({ store, query }) => ({ status: 200, body: tokenPage(configurationCollection(store).entries(), query, renderConfiguration) }),
  },
  {
    method: 'GET',
    pattern: `${BASE}/{id}`,
    handler: (context) => ({ status: 200, body: renderConfiguration(configurationFrom(context)) }),
  },
  {
    method: 'PUT',
    pattern: `${BASE}/{id}`,
    handler(context) {
      const current = configurationFrom(context);
      const existingRuleIds = current.rules.map((rule) => rule.id);
      const fields = readConfiguration(context.body, { store: context.store, accountSid: context.accountSid, existingRuleIds });
      // A full replacement: a description left out is removed, as are rules left out.
      const updated = configurationCollection(context.store).replace({
        sid: current.sid,
        accountSid: current.accountSid,
        dateCreated: current.dateCreated,
        ...fields,
        version: current.version + 1,
        dateUpdated: new Date().toISOString(),
      });
      return { status: 200, body: renderConfiguration(updated) };
    },
  },
  {
    method: 'DELETE',
    pattern: `${BASE}/{id}`,
    handler(context) {
      configurationCollection(context.store).delete(configurationFrom(context).sid);
      return { status: 204 };
    },
  },
];
