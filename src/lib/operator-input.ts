// Reads the parts of a generative operator from what the user gave (flags, files, stdin) and
// collects every problem instead of stopping at the first, so one error line can list them all.
import { extname } from 'node:path';
import { describeJsonError, parseJson } from '../schema/json.js';
import { FILE_LIMITS, FileRefusedError, type Files } from './adapters/files.js';
import type { TrainingExample } from './operator-schema.js';

export interface DefinitionSources {
  prompt?: string;
  promptFile?: string;
  /** A file, or '-' for stdin. */
  schema?: string;
  /** 'INPUT => OUTPUT', repeatable. */
  example?: string[];
  /** A .json (array), .jsonl/.ndjson (one object a line) or .csv (header input,output) file. */
  examples?: string;
}

/** The parts given; undefined means "not given" (update keeps the current value). */
export interface DefinitionParts {
  prompt?: string;
  schema?: unknown;
  examples?: TrainingExample[];
  problems: string[];
}

export const EXAMPLE_SEPARATOR = ' => ';

export async function readDefinitionParts(sources: DefinitionSources, files: Files): Promise<DefinitionParts> {
  const problems: string[] = [];
  const parts: DefinitionParts = { problems };
  if (sources.promptFile === '-' && sources.schema === '-') problems.push('only one of --prompt-file and --schema can read stdin (-)');

  if (sources.prompt !== undefined && sources.promptFile !== undefined) problems.push('give --prompt or --prompt-file, not both');
  else if (sources.prompt !== undefined) parts.prompt = sources.prompt;
  else if (sources.promptFile !== undefined) parts.prompt = await readText(sources.promptFile, '--prompt-file', files, problems);

  if (sources.schema !== undefined) {
    const text = await readText(sources.schema, '--schema', files, problems);
    if (text !== undefined) {
      const parsed = parseJson(text);
      if (parsed.ok) parts.schema = parsed.value;
      else problems.push(`--schema ${sources.schema}: not JSON (${describeJsonError(parsed)})`);
    }
  }

  if (sources.example !== undefined || sources.examples !== undefined) {
    const examples = (sources.example ?? []).flatMap((flag, index) => exampleFlag(flag, index, problems));
    if (sources.examples !== undefined) {
      const text = await readText(sources.examples, '--examples', files, problems);
      if (text !== undefined) examples.push(...parseExamplesFile(sources.examples, text, problems));
    }
    parts.examples = examples;
  }
  return parts;
}

/** Schemas, prompts and example files are small (1 MiB); anything else is a wrong file, named as such. */
async function readText(file: string, what: string, files: Files, problems: string[]): Promise<string | undefined> {
  try {
    return await files.readText(file, { limit: FILE_LIMITS.operatorPart, what });
  } catch (error) {
    if (!(error instanceof FileRefusedError)) throw error;
    problems.push(`${what} ${file}: cannot read it (${error.reason})`);
    return undefined;
  }
}

function exampleFlag(flag: string, index: number, problems: string[]): TrainingExample[] {
  const at = flag.indexOf(EXAMPLE_SEPARATOR);
  if (at < 0) {
    problems.push(`--example ${JSON.stringify(flag)}: expected 'INPUT${EXAMPLE_SEPARATOR}OUTPUT' (example ${index + 1})`);
    return [];
  }
  return [{ input: flag.slice(0, at).trim(), output: flag.slice(at + EXAMPLE_SEPARATOR.length).trim() }];
}

/** Format by extension; each record must be exactly {input, output}. */
export function parseExamplesFile(file: string, text: string, problems: string[]): TrainingExample[] {
  const extension = extname(file).toLowerCase();
  const where = `--examples ${file}`;
  if (extension === '.json') {
    const parsed = parseJson(text);
    if (!parsed.ok) {
      problems.push(`${where}: not JSON (${describeJsonError(parsed)})`);
      return [];
    }
    const value = parsed.value;
    if (!Array.isArray(value)) {
      problems.push(`${where}: expected a JSON array of {"input", "output"} objects`);
      return [];
    }
    return value.flatMap((item, index) => exampleRecord(item, `${where} [${index}]`, problems));
  }
  if (extension === '.jsonl' || extension === '.ndjson') {
    return text.split(/\r?\n/).flatMap((line, index) => {
      if (!line.trim()) return [];
      const parsed = parseJson(line);
      if (parsed.ok) return exampleRecord(parsed.value, `${where} line ${index + 1}`, problems);
      problems.push(`${where} line ${index + 1}: not JSON (column ${parsed.column}: ${parsed.message})`);
      return [];
    });
  }
  if (extension === '.csv') return csvExamples(text, where, problems);
  problems.push(`${where}: unknown format "${extension || 'no extension'}"; use .json (array), .jsonl or .csv`);
  return [];
}

/** A JSON operator's output may be written as JSON itself; it is sent as its compact text. */
function exampleRecord(item: unknown, where: string, problems: string[]): TrainingExample[] {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    problems.push(`${where}: expected an object {"input", "output"}`);
    return [];
  }
  const record = item as Record<string, unknown>;
  const unknown = Object.keys(record).filter((key) => key !== 'input' && key !== 'output');
  if (unknown.length) problems.push(`${where}: unknown field${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}`);
  if (typeof record.input !== 'string') {
    problems.push(`${where}: "input" must be a string`);
    return [];
  }
  if (record.output === undefined) {
    problems.push(`${where}: "output" is missing`);
    return [];
  }
  const output = typeof record.output === 'string' ? record.output : JSON.stringify(record.output);
  return [{ input: record.input, output }];
}

function csvExamples(text: string, where: string, problems: string[]): TrainingExample[] {
  const rows = parseCsv(text);
  if ('error' in rows) {
    problems.push(`${where}: ${rows.error}`);
    return [];
  }
  const [header, ...records] = rows.rows;
  const columns = (header ?? []).map((name) => name.trim().toLowerCase());
  if (columns.length !== 2 || columns[0] !== 'input' || columns[1] !== 'output') {
    problems.push(`${where}: the first line must be the header "input,output"`);
    return [];
  }
  return records.flatMap((cells, index) => {
    const line = rows.lines[index + 1];
    const [input, output, ...extra] = cells;
    if (cells.length === 1 && input === '') return [];
    if (input === undefined || output === undefined || extra.length > 0) {
      problems.push(`${where} line ${line}: expected 2 fields (input,output), got ${cells.length}; quote fields that contain commas`);
      return [];
    }
    return [{ input, output }];
  });
}

/** RFC 4180: fields separated by commas, quoted with "…" where they hold commas, quotes ("") or newlines. */
export function parseCsv(text: string): { rows: string[][]; lines: number[] } | { error: string } {
  const rows: string[][] = [];
  const lines: number[] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else {
        if (char === '\n') line++;
        field += char;
      }
    } else if (char === '"' && field === '') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      lines.push(rowLine);
      row = [];
      field = '';
      rowLine = ++line;
    } else field += char;
  }
  if (quoted) return { error: `line ${rowLine}: a quoted field is not closed` };
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
    lines.push(rowLine);
  }
  return { rows, lines };
}
