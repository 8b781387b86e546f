// Preloaded with `node --import ./bench/rss.mjs …`: at exit, writes the process's peak
// resident set size (bytes) to $BENCH_RSS_FILE, so any command can be measured whole.
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS * 1024)));
