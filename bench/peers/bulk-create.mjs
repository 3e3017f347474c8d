// The peer of `ci transcribe --from-file`: what a user would write with the SDK — a pool of N creates over the
// lines of a file (media URL,customer key), one JSON line per transcript. No retries, no state: the floor.
// Usage: node bulk-create.mjs FILE SERVICE_SID CONCURRENCY (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_CI_API_URL)
import { readFileSync } from 'node:fs';
import { sdkClient } from './sdk-client.mjs';

const [file, serviceSid, concurrency] = process.argv.slice(2);
const client = sdkClient();
const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
let next = 0;
async function worker() {
  while (next < lines.length) {
    const [mediaUrl, customerKey] = lines[next++].split(',');
    const transcript = await client.intelligence.v2.transcripts.create({
      serviceSid,
      channel: { media_properties: { media_url: mediaUrl } },
      customerKey,
    });
    process.stdout.write(`${JSON.stringify({ input: mediaUrl, transcriptSid: transcript.sid })}\n`);
  }
}
await Promise.all(Array.from({ length: Number(concurrency) }, worker));
