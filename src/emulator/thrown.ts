// What can be read from anything thrown, without assuming it is an Error (the emulator's own: it shares no code with the CLI).

/** An Error's message; anything else thrown, as text. */
export function messageOf(thrown: unknown): string {
  return thrown instanceof Error ? thrown.message : String(thrown);
}

/** The string `code` a thrown value carries (Node's system errors: ENOENT, EADDRINUSE, …), if any. */
export function codeOf(thrown: unknown): string | undefined {
  if (typeof thrown !== 'object' || thrown === null || !('code' in thrown)) return undefined;
  return typeof thrown.code === 'string' ? thrown.code : undefined;
}
