/** Memory v1's paths (JSON bodies, Twilio's error body). */
export function isMemoryPath(path: string): boolean {
  return path.startsWith('/v1/ControlPlane/') || path.startsWith('/v1/Stores');
}
