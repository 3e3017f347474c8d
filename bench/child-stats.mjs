// Loaded into a benchmarked ci with `node --import`: at exit, writes its CPU time and /proc/self/io counters
// (wchar: every byte it passed to write(2)) to $CI_BENCH_STATS, so the bench can tell state-file bytes apart.
import { readFileSync, writeFileSync } from 'node:fs';

const out = process.env.CI_BENCH_STATS;
if (out)
  process.on('exit', () => {
    const io = Object.fromEntries(
      readFileSync('/proc/self/io', 'utf8')
        .trim()
        .split('\n')
        .map((line) => line.split(': '))
        .map(([key, value]) => [key, Number(value)]),
    );
    writeFileSync(out, JSON.stringify({ io, cpu: process.cpuUsage() }));
  });
