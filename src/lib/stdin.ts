/** Every whitespace-separated word of a stream, e.g. SIDs piped into `ci results -`. */
export async function readWords(stream: NodeJS.ReadableStream): Promise<string[]> {
  return (await readAll(stream)).split(/\s+/).filter(Boolean);
}

/** The whole stream as text, e.g. a bulk input file given as `-`. */
export async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
  return text;
}
