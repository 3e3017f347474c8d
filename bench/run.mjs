// `npm run bench`: every benchmark in turn; numbers are printed, not asserted (see docs/reliability.md).
const only = process.argv.slice(2).filter((arg) => !arg.startsWith('--')); // flags (--large, --profile) are the benches' own
const benches = {
  startup: async () => (await import('./startup.mjs')).benchStartup(),
  results: async () => (await import('./results.mjs')).benchResults(),
  bulk: async () => (await import('./bulk.mjs')).benchBulk(),
  list: async () => (await import('./list.mjs')).benchList(),
  emulator: async () => (await import('./emulator.mjs')).benchEmulator(),
};
for (const [name, bench] of Object.entries(benches)) {
  if (only.length && !only.includes(name)) continue;
  await bench();
  console.log('');
}
if ((!only.length || only.includes('bulk')) && !process.argv.includes('--large'))
  console.log('bulk at 50,000 inputs: npm run bench -- --large (about 16 minutes more)');
