// Listing: `ci transcripts list --all --ndjson` over 50,000 seeded transcripts: peak RSS and
// time to first vs last line (streaming prints the first page long before the last).
import { envFor, runCi, startEmulator } from './harness.mjs';

const COUNT = Number(process.env.BENCH_LIST_COUNT ?? 50_000);

export async function benchList() {
  const emulator = await startEmulator({ seedTranscripts: COUNT });
  const result = await runCi(['transcripts', 'list', '--all', '--ndjson'], envFor(emulator), { measureRss: true });
  await emulator.close();
  console.log(`listing (${COUNT} seeded transcripts, --all --ndjson; target peak RSS ≤ 150 MiB)`);
  console.log(`  exit ${result.code}, ${result.lines.length} lines in ${(result.wallMs / 1000).toFixed(2)} s`);
  console.log(`  first line after ${result.firstLineMs?.toFixed(0)} ms, last line after ${result.lastLineMs?.toFixed(0)} ms`);
  console.log(`  peak RSS ${(result.peakRssKiB / 1024).toFixed(1)} MiB`);
  if (result.stderr.trim()) console.log(`  stderr: ${result.stderr.trim()}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await benchList();
