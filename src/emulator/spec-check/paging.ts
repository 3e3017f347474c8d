// The paging meta of list answers must lead a client through the list: Twilio's SDKs follow
// next_page_url as given, so a wrong path, origin, page number or lost filter breaks them.
import type { Exchange } from '../server.js';

type Json = Record<string, unknown>;

const PAGING_PARAMS = new Set(['PageSize', 'Page', 'PageToken']);

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

export function pagingViolations(exchange: Exchange): string[] {
  const body = exchange.body;
  if (!isObject(body)) return [];
  if (isObject(body.meta) && 'page_size' in body.meta) return v2MetaViolations(exchange, body, body.meta);
  if (isObject(body.meta) && 'pageSize' in body.meta) return v3MetaViolations(body, body.meta);
  if (typeof body.uri === 'string' && 'page_size' in body) return v2010Violations(exchange, body);
  return [];
}

/** Intelligence v2: `{ [meta.key]: items, meta: { page, page_size, url, first_page_url, next_page_url, … } }`. */
function v2MetaViolations(exchange: Exchange, body: Json, meta: Json): string[] {
  const items = typeof meta.key === 'string' ? body[meta.key] : undefined;
  if (!Array.isArray(items)) return [`meta.key '${String(meta.key)}' names no list in the body`];
  const page = Number(meta.page);
  const pageSize = Number(meta.page_size);
  const violations = commonViolations(exchange, items.length, page, pageSize, 'meta.page', 'meta.page_size');
  const origin = `http://${exchange.headers.host ?? 'localhost'}`;
  const check = (name: string, expectedPage: number | undefined) => {
    const value = meta[name];
    if (value === null && name !== 'url' && name !== 'first_page_url') return;
    violations.push(...pageUrlViolations(exchange, `meta.${name}`, value, origin, pageSize, expectedPage));
  };
  check('url', page);
  check('first_page_url', 0);
  check('next_page_url', page + 1);
  check('previous_page_url', page - 1);
  if (items.length < pageSize && meta.next_page_url !== null) violations.push('meta.next_page_url is set on a page that is not full');
  if (page === 0 && meta.previous_page_url !== null) violations.push('meta.previous_page_url is set on the first page');
  return violations;
}

/** Intelligence v3: `{ [meta.key]: items, meta: { key, pageSize (the number returned), nextToken, previousToken } }`. */
function v3MetaViolations(body: Json, meta: Json): string[] {
  const items = typeof meta.key === 'string' ? body[meta.key] : undefined;
  if (!Array.isArray(items)) return [`meta.key '${String(meta.key)}' names no list in the body`];
  return meta.pageSize === items.length ? [] : [`meta.pageSize ${String(meta.pageSize)} is not the ${items.length} items returned`];
}

/** api.v2010: `{ <list>: items, uri, first_page_uri, next_page_uri, previous_page_uri, page, page_size, start, end }`. */
function v2010Violations(exchange: Exchange, body: Json): string[] {
  const items = Object.values(body).find(Array.isArray);
  if (!items) return ['the list answer has no list'];
  const page = Number(body.page);
  const pageSize = Number(body.page_size);
  const violations = commonViolations(exchange, items.length, page, pageSize, 'page', 'page_size');
  violations.push(...pageUrlViolations(exchange, 'uri', body.uri, '', undefined, undefined));
  violations.push(...pageUrlViolations(exchange, 'first_page_uri', body.first_page_uri, '', pageSize, 0));
  for (const name of ['next_page_uri', 'previous_page_uri']) {
    const value = body[name];
    if (value !== null) violations.push(...pageUrlViolations(exchange, name, value, '', pageSize, undefined));
  }
  if (body.start !== page * pageSize) violations.push(`start ${String(body.start)} is not page × page_size (${page * pageSize})`);
  if (items.length > 0 && body.end !== page * pageSize + items.length - 1) {
    violations.push(`end ${String(body.end)} is not the index of the last item (${page * pageSize + items.length - 1})`);
  }
  if (items.length < pageSize && body.next_page_uri !== null) violations.push('next_page_uri is set on a page that is not full');
  if (page === 0 && body.previous_page_uri !== null) violations.push('previous_page_uri is set on the first page');
  return violations;
}

function commonViolations(exchange: Exchange, count: number, page: number, pageSize: number, pageName: string, sizeName: string): string[] {
  const violations: string[] = [];
  const requestedSize = exchange.query.PageSize;
  if (typeof requestedSize === 'string' && pageSize !== Number(requestedSize)) {
    violations.push(`${sizeName} ${pageSize} is not the PageSize asked for (${requestedSize})`);
  }
  const requestedPage = exchange.query.Page;
  if (typeof requestedPage === 'string' && page !== Number(requestedPage)) {
    violations.push(`${pageName} ${page} is not the Page asked for (${requestedPage})`);
  }
  if (count > pageSize) violations.push(`${count} items on a page of ${sizeName} ${pageSize}`);
  return violations;
}

/**
 * A page link: the same origin (`''` for v2010's path-only URIs) and path as the request, the
 * request's filters, PageSize = the page size and, when known, the page number expected.
 */
function pageUrlViolations(
  exchange: Exchange,
  name: string,
  value: unknown,
  origin: string,
  pageSize: number | undefined,
  expectedPage: number | undefined,
): string[] {
  if (typeof value !== 'string') return [`${name} must be a URL`];
  const url = new URL(value, 'http://path-only.invalid');
  const actualOrigin = origin === '' ? (value.startsWith('/') ? '' : url.origin) : url.origin;
  const violations: string[] = [];
  if (actualOrigin !== origin) violations.push(`${name} ${value} is not on ${origin || 'a path of this host'}`);
  if (url.pathname !== exchange.path) violations.push(`${name} ${value} does not lead to ${exchange.path}`);
  for (const [filter, given] of Object.entries(exchange.query)) {
    if (PAGING_PARAMS.has(filter)) continue;
    const values = url.searchParams.getAll(filter);
    if (values.join('\n') !== (Array.isArray(given) ? given : [given]).join('\n'))
      violations.push(`${name} drops or changes the filter ${filter}`);
  }
  if (pageSize !== undefined && url.searchParams.get('PageSize') !== String(pageSize)) {
    violations.push(`${name} ${value} does not carry PageSize=${pageSize}`);
  }
  if (expectedPage !== undefined && url.searchParams.get('Page') !== String(expectedPage)) {
    violations.push(`${name} ${value} does not carry Page=${expectedPage}`);
  }
  return violations;
}
