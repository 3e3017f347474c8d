// The peer of `ci transcribe --from-file`: what a user would write with the SDK — a pool of N creates over the
// lines of a file (media URL,customer key), one JSON line per transcript. No retries, no state: the floor.
// Usage: node bulk-create.mjs FILE SERVICE_SID CONCURRENCY (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_CI_API_URL)
import { readFileSync } from 'node:fs';
import twilio from 'twilio';

const [file, serviceSid, concurrency] = process.argv.slice(2);
const base = process.env.TWILIO_CI_API_URL;
const delegate = new twilio.RequestClient();
// Every Twilio host goes to the emulator, as ci's --api-url does.
const httpClient = {
  request(options) {
    const target = new URL(options.uri);
    return delegate.request({ ...options, uri: new URL(target.pathname + target.search, base).href });
  },
};
const client = twilio(process.env.TWILIO_ACCOUNT_SID, process.env.TWILIO_AUTH_TOKEN, { httpClient });
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
