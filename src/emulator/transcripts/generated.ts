import type { CatalogueRecording } from './recordings.js';

const hex = (n: number) => n.toString(16).padStart(32, '0');

/** `count` short two-channel calls RE…01, RE…02, … (CallSids CA… alike), for bulk tests and benchmarks. */
export function generatedRecordings(count: number): CatalogueRecording[] {
  return Array.from({ length: count }, (_, i) => ({
    sid: `RE${hex(i + 1)}`,
    call_sid: `CA${hex(i + 1)}`,
    language_code: 'en-US',
    utterances: [
      { channel: 1, start: 0, end: 2, text: 'Thanks for calling, how can I help?' },
      { channel: 2, start: 2, end: 5, text: 'We cannot log in to your account system.' },
    ],
  }));
}
