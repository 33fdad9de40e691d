import { readFileSync } from 'node:fs';

/**
 * Whether a process of this computer runs with that pid: signal 0 checks without sending anything. EPERM means it
 * runs as another user. A reused pid reads as running, so callers never take this alone as proof of a live holder.
 */
export function isProcessRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * When a process started, epoch ms, where the system says (Linux: /proc); null elsewhere or when unknown. Exact to a
 * clock tick, give or take the second the boot time is rounded to.
 */
export function processStartedAt(pid: number): number | null {
  if (process.platform !== 'linux') return null;
  try {
    // The command name (field 2) may hold spaces and parentheses: the fields after it follow its last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ticksSinceBoot = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
    const bootSeconds = Number(/^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1]);
    if (!Number.isFinite(ticksSinceBoot) || !Number.isFinite(bootSeconds)) return null;
    return bootSeconds * 1000 + (ticksSinceBoot * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** USER_HZ, which Linux fixes at 100 for /proc on every architecture Splits runs on. */
const CLOCK_TICKS_PER_SECOND = 100;
