// Loaded with `node --import` into a CLI process the benchmark starts: reports the process's peak resident set
// size when it exits, on stderr, for the benchmark to read.
import { writeSync } from 'node:fs';

process.on('exit', () => writeSync(2, `\nbench-max-rss-kb=${process.resourceUsage().maxRSS}\n`));
