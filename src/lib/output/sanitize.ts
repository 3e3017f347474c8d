// Text from outside (API answers, webhook payloads, files) must not drive the terminal: every
// C0/C1 control character in it is shown in caret notation instead (ESC as ^[, BEL as ^G, the C1
// CSI as ^[[), as gh does. With the ESC gone, no escape sequence (CSI, OSC including OSC 52,
// DCS, …) can start, so none is ever interpreted, measured or cut in half. JSON output does not
// pass through here: JSON escapes control characters itself and must stay exact.

// Tab and newline are left to the renderers (TSV escapes them, tables fold them, views wrap).
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;
const SGR = /(\x1b\[[0-9;]*m)/;

function caret(char: string): string {
  const code = char.charCodeAt(0);
  if (code === 0x7f) return '^?';
  if (code >= 0x80) return `^[${String.fromCharCode(code - 0x40)}`;
  return `^${String.fromCharCode(code + 0x40)}`;
}

/** Untrusted text made inert: control characters become visible, tabs and line breaks stay. */
export function sanitize(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(CONTROL, caret);
}

/**
 * The last line of defence for text ci composed itself (a results view, a plan, a listener line):
 * ci's own colours (SGR sequences) stay when colour is on, every other control character is made
 * inert. Untrusted parts should still be sanitised before they are styled; this catches the rest.
 */
export function sanitizeComposed(text: string, keepColours: boolean): string {
  if (!keepColours) return sanitize(text);
  return text
    .split(SGR)
    .map((part, i) => (i % 2 === 1 ? part : sanitize(part)))
    .join('');
}
