// JSON text from outside (a file, a form value) parsed with a bound on its nesting, and with the
// place of a syntax error as line and column (Node 20's JSON.parse names neither). The scan is
// iterative, so a text nested 100,000 deep is refused without a stack overflow anywhere after it.

export const MAX_JSON_NESTING = 256;

export type JsonParse = { ok: true; value: unknown } | { ok: false; message: string; line: number; column: number };

interface Place {
  line: number;
  column: number;
}

function placeOf(text: string, offset: number): Place {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
// JSON strings may not hold raw control characters.
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const LITERAL = /true|false|null/y;
const UNTERMINATED = 'a string that is not closed (or holds a control character or bad escape)';

/** Offset and reason of the first syntax error, or of the first place nested deeper than maxNesting; undefined when the text is JSON. */
export function jsonSyntaxError(text: string, maxNesting = MAX_JSON_NESTING): { offset: number; message: string } | undefined {
  // What the scanner expects next; the stack holds the open containers ('{' or '[').
  const stack: string[] = [];
  let expect = 'value' as 'value' | 'key' | 'after-value' | 'after-key' | 'first-key-or-end' | 'first-value-or-end';
  let i = 0;
  const match = (pattern: RegExp) => {
    pattern.lastIndex = i;
    return pattern.exec(text)?.[0];
  };
  for (;;) {
    while (WHITESPACE.has(text[i] ?? '')) i++;
    const char = text[i];
    if (char === undefined) {
      if (expect === 'after-value' && stack.length === 0) return undefined;
      return { offset: i, message: text.trim() === '' ? 'empty' : 'unexpected end' };
    }
    if (expect === 'after-value' && stack.length === 0) return { offset: i, message: `unexpected ${JSON.stringify(char)} after the value` };
    if (expect === 'after-value') {
      const open = stack.at(-1);
      if (char === ',') {
        expect = open === '{' ? 'key' : 'value';
        i++;
      } else if ((char === '}' && open === '{') || (char === ']' && open === '[')) {
        stack.pop();
        i++;
      } else return { offset: i, message: `expected ${open === '{' ? '"," or "}"' : '"," or "]"'}` };
      continue;
    }
    if (expect === 'after-key') {
      if (char !== ':') return { offset: i, message: 'expected ":"' };
      expect = 'value';
      i++;
      continue;
    }
    if (expect === 'key' || expect === 'first-key-or-end') {
      if (expect === 'first-key-or-end' && char === '}') {
        stack.pop();
        i++;
        expect = 'after-value';
        continue;
      }
      const key = char === '"' ? match(STRING) : undefined;
      if (key === undefined) return { offset: i, message: char === '"' ? UNTERMINATED : 'expected a property name in double quotes' };
      i += key.length;
      expect = 'after-key';
      continue;
    }
    if (expect === 'first-value-or-end' && char === ']') {
      stack.pop();
      i++;
      expect = 'after-value';
      continue;
    }
    if (char === '{' || char === '[') {
      if (stack.length >= maxNesting) return { offset: i, message: `nested more than ${maxNesting} levels deep` };
      stack.push(char);
      i++;
      expect = char === '{' ? 'first-key-or-end' : 'first-value-or-end';
      continue;
    }
    const token = char === '"' ? match(STRING) : char === '-' || (char >= '0' && char <= '9') ? match(NUMBER) : match(LITERAL);
    if (token === undefined) return { offset: i, message: char === '"' ? UNTERMINATED : `unexpected ${JSON.stringify(char)}` };
    i += token.length;
    expect = 'after-value';
  }
}

/** JSON.parse, after the scan above has checked the syntax and the nesting. */
export function parseJson(text: string, maxNesting = MAX_JSON_NESTING): JsonParse {
  const error = jsonSyntaxError(text, maxNesting);
  if (error) return { ok: false, message: error.message, ...placeOf(text, error.offset) };
  return { ok: true, value: JSON.parse(text) };
}

/** "not JSON (line 3, column 7: expected ":")": how a failed parse reads in a message. */
export function describeJsonError(failure: { message: string; line: number; column: number }): string {
  return `line ${failure.line}, column ${failure.column}: ${failure.message}`;
}
