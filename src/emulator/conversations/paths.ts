/** Conversations v2's paths (JSON bodies, Twilio's error body); they collide with no Intelligence v2 path. */
export function isConversationsPath(path: string): boolean {
  return path.startsWith('/v2/Conversations') || path.startsWith('/v2/ControlPlane/');
}
