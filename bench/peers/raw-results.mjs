// The floor under `ci results GT… --json`: no SDK, two GETs with node:http, the answers printed.
// Usage: node raw-results.mjs GT… (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_CI_API_URL)
import { get } from 'node:http';

const [sid] = process.argv.slice(2);
const auth = `Basic ${Buffer.from(`${process.env.TWILIO_ACCOUNT_SID}:${process.env.TWILIO_AUTH_TOKEN}`).toString('base64')}`;
const fetchJson = (path) =>
  new Promise((done, fail) =>
    get(new URL(path, process.env.TWILIO_CI_API_URL), { headers: { Authorization: auth } }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => done(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
    }).on('error', fail),
  );
const transcript = await fetchJson(`/v2/Transcripts/${sid}`);
if (transcript.status !== 'completed') throw new Error(`transcript ${sid} is ${transcript.status}`);
const page = await fetchJson(`/v2/Transcripts/${sid}/OperatorResults?PageSize=1000`);
console.log(JSON.stringify(page.operator_results, null, 2));
