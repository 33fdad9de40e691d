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
