// The peer of `ci transcripts list --all --ndjson` (and --json): the SDK's each({ pageSize: 1000 }),
// printing each row's toJSON() as a line (or, with --json, one array in ci's layout).
// Usage: node list-each.mjs [--json] (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_CI_API_URL)
import { sdkClient } from './sdk-client.mjs';

const asArray = process.argv.includes('--json');
const client = sdkClient();
let count = 0;
if (asArray) process.stdout.write('[');
await client.intelligence.v2.transcripts.each({ pageSize: 1000 }, (transcript) => {
  const json = JSON.stringify(transcript.toJSON());
  process.stdout.write(asArray ? `${count++ ? ',' : ''}\n  ${json}` : `${json}\n`);
});
if (asArray) process.stdout.write(count ? '\n]\n' : ']\n');
