import { spawn } from 'node:child_process';

/** A process that has exited: its pid runs no longer (until reused, which a minute's age covers). */
export async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((r) => child.once('exit', r));
  return child.pid!;
}
