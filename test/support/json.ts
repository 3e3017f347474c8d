/** A command's JSON output, typed as the test reads it (the assertions that follow check the shape). */
export function jsonOf<T>(text: string): T {
  return JSON.parse(text) as T;
}
