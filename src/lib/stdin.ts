/** Every whitespace-separated word of a stream, e.g. SIDs piped into `ci results -`. */
export async function readWords(stream: NodeJS.ReadableStream): Promise<string[]> {
  let text = '';
  for await (const chunk of stream) text += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
  return text.split(/\s+/).filter(Boolean);
}
