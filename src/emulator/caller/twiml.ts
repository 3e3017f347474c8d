// A small reader for TwiML documents, as Twilio's voice engine would read them: the verbs under
// <Response>, each with its attributes, text and nested verbs. Written here (not taken from the
// SDK's builder) so a wrong document from `ci serve` is caught by something that did not make it.

export interface TwimlVerb {
  name: string;
  attributes: Record<string, string>;
  text: string;
  children: TwimlVerb[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, entity: string) => {
    if (entity[0] === '#')
      return String.fromCodePoint(entity[1]?.toLowerCase() === 'x' ? parseInt(entity.slice(2), 16) : Number(entity.slice(1)));
    return ENTITIES[entity] ?? whole;
  });
}

const TOKEN = /<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<\/([\w:.-]+)\s*>|<([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/g;
const ATTRIBUTE = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** Parses a TwiML document; throws with a reason when it is not well-formed or has no <Response>. */
export function parseTwiml(xml: string): TwimlVerb[] {
  const root: TwimlVerb = { name: '#document', attributes: {}, text: '', children: [] };
  const open: TwimlVerb[] = []; // elements not yet closed, innermost last
  let consumed = 0;
  for (const match of xml.matchAll(TOKEN)) {
    if (match.index !== consumed) break;
    consumed += match[0].length;
    const [, closing, name, attributes, selfClosing, text] = match;
    const current = open.at(-1) ?? root;
    if (text !== undefined) current.text += decode(text);
    else if (closing !== undefined) {
      if (current === root || current.name !== closing) throw new Error(`TwiML: </${closing}> closes <${current.name}>`);
      open.pop();
    } else if (name !== undefined) {
      const element: TwimlVerb = { name, attributes: {}, text: '', children: [] };
      for (const [, key = '', double, single] of (attributes ?? '').matchAll(ATTRIBUTE))
        element.attributes[key] = decode(double ?? single ?? '');
      current.children.push(element);
      if (!selfClosing) open.push(element);
    }
  }
  if (consumed !== xml.length) throw new Error(`TwiML: unreadable XML at offset ${consumed}`);
  const unclosed = open.at(-1);
  if (unclosed) throw new Error(`TwiML: <${unclosed.name}> is never closed`);
  const response = root.children.find((child) => child.name === 'Response');
  if (!response || root.children.length !== 1) throw new Error('TwiML: the document must have one <Response> root');
  for (const verb of walk(response)) verb.text = verb.text.trim();
  return response.children;
}

function* walk(verb: TwimlVerb): Generator<TwimlVerb> {
  yield verb;
  for (const child of verb.children) yield* walk(child);
}
