// A process with a log file of its own making (main/log-file.ts), writing lines when told, for the tests of two
// processes sharing one file (two CLI runs at once with the same --log-file, cron's and the person's):
//   <dir> <fileName> <maxBytes>   then, on stdin, one "<tag> <count>" a line: logs "<tag>-<i> ..." for i = 1..count
//                                 at info, and prints "wrote <tag>" once they are in the file. Exits at the end of stdin.
import { createInterface } from 'node:readline';
import { createFileLogger } from '../../main/log-file';

const [dir, fileName, maxBytes] = process.argv.slice(2);
const log = createFileLogger({ dir: dir!, fileName: fileName!, level: 'info', maxBytes: Number(maxBytes) });

for await (const command of createInterface({ input: process.stdin })) {
  const [tag, count] = command.split(' ');
  // Each line as long as the next (numbers padded), so a test can say after how many a file passes its cap.
  for (let i = 1; i <= Number(count); i++) log.info(`${tag}-${String(i).padStart(3, '0')} ${'x'.repeat(50)}`);
  process.stdout.write(`wrote ${tag}\n`);
}
