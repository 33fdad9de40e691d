// A real second process for the data lock's tests, run bundled (lock-process.ts):
//   hammer <dataDir> <log> <times>  takes and releases the lock <times> times, logging "<pid> enter" / "<pid> exit"
//                                   (and printing "running" once it first holds it)
//   hold <dataDir> [purpose]        takes the lock (for a sync, or the purpose given), prints "held", and keeps it until killed
import { appendFileSync } from 'node:fs';
import { DataLock } from '../../main/store/data-lock';
import { asLockPurpose } from '../../main/store/lock-purpose';

const [mode, dataDir, log, times] = process.argv.slice(2);

if (mode === 'hammer') {
  for (let i = 0; i < Number(times); i++) {
    const lock = await DataLock.acquire(dataDir!, { waitMs: 20_000 });
    // appendFileSync opens with O_APPEND: each line lands whole, in the order the holders wrote them.
    appendFileSync(log!, `${process.pid} enter\n`);
    if (i === 0) process.stdout.write('running\n');
    await new Promise((resolve) => setImmediate(resolve)); // let the other process try while this one holds it
    appendFileSync(log!, `${process.pid} exit\n`);
    await lock.release();
    if (i % 2 === 0) await new Promise((resolve) => setTimeout(resolve, Math.random() * 2));
  }
} else if (mode === 'hold') {
  const purpose = log === undefined ? undefined : asLockPurpose(log);
  if (purpose === null) throw new Error(`unknown purpose ${log}`);
  await DataLock.acquire(dataDir!, purpose ? { purpose } : {});
  process.stdout.write('held\n');
  setInterval(() => undefined, 60_000);
} else {
  throw new Error(`unknown mode ${mode}`);
}
