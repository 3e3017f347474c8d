// The peer of `ci results GT… --json`: the seed article's dump script, plainly — create the SDK client,
// fetch the transcript, list its operator results, print them.
// Usage: node seed-results.mjs GT… (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_CI_API_URL)
import { sdkClient } from './sdk-client.mjs';

const [sid] = process.argv.slice(2);
const client = sdkClient();
const transcript = await client.intelligence.v2.transcripts(sid).fetch();
if (transcript.status !== 'completed') throw new Error(`transcript ${sid} is ${transcript.status}`);
const results = await client.intelligence.v2.transcripts(sid).operatorResults.list();
console.log(JSON.stringify(results, null, 2));
