/**
 * What the holder of the data folder's lock is doing. It is written into `sync.lock/owner.json`, so that whoever
 * finds the folder busy can say what holds it (an archive import is not a sync, and waiting for it is not waiting
 * for a sync).
 */
export const LOCK_PURPOSES = ['sync', 'import', 'logout', 'forget'] as const;
export type LockPurpose = (typeof LOCK_PURPOSES)[number];

const DOING: Record<LockPurpose, (place: string) => string> = {
  sync: (place) => `is syncing ${place}`,
  import: (place) => `is importing a Strava archive into ${place}`,
  logout: (place) => `is logging an athlete out of ${place}`,
  forget: (place) => `is deleting an athlete's activities from ${place}`,
};

/**
 * What the holder is doing, said of `place` ("this data folder", "your data"). A holder that named no task (an
 * earlier Splits, or one whose owner file could not be read) is only said to use it.
 */
export function holderDoing(purpose: LockPurpose | null, place: string): string {
  return purpose === null ? `is using ${place}` : DOING[purpose](place);
}

/** A purpose read from an owner file: one of ours, or null (a file from elsewhere never reaches a message). */
export function asLockPurpose(value: unknown): LockPurpose | null {
  return (LOCK_PURPOSES as readonly unknown[]).includes(value) ? (value as LockPurpose) : null;
}

/**
 * Which Splits holds the lock: the desktop app, or a command of the command line (by name: a `watch` runs until it is
 * stopped, a `sync` ends by itself). Written beside the purpose, so that a busy message can say what to stop.
 */
export type LockProgram = { kind: 'app' } | { kind: 'cli'; command: LockCommand };

/** The commands that take the lock; a name read from a file is one of these or nothing (never quoted from it). */
export const LOCK_COMMANDS = ['sync', 'watch', 'import', 'logout', 'forget', 'login'] as const;
export type LockCommand = (typeof LOCK_COMMANDS)[number];

// One program per process, declared once by its front door (main/cli/run-cli.ts, the desktop core); every lock the
// process takes names it. Not declared (a test's own process, a tool): the lock names no program, as before.
let thisProgram: LockProgram | null = null;

/** Declares the process's program; null withdraws it (a process that runs its programs in turn, as a test's does). */
export function declareLockProgram(program: LockProgram | { kind: 'cli'; command: string } | null): void {
  if (program === null) thisProgram = null;
  else
    thisProgram =
      program.kind === 'app' ? program : (asLockProgram({ program: 'cli', command: program.command }) ?? thisProgram);
}

/** What this process writes into its lock's owner file. */
export function ownProgramFields(): { program?: 'app' | 'cli'; command?: LockCommand } {
  if (thisProgram === null) return {};
  return thisProgram.kind === 'app' ? { program: 'app' } : { program: 'cli', command: thisProgram.command };
}

/** The program an owner file names, or null when it names none of ours. */
export function asLockProgram(owner: { program?: unknown; command?: unknown }): LockProgram | null {
  if (owner.program === 'app') return { kind: 'app' };
  if (owner.program === 'cli' && (LOCK_COMMANDS as readonly unknown[]).includes(owner.command))
    return { kind: 'cli', command: owner.command as LockCommand };
  return null;
}

/**
 * Who holds the folder, for the command line: "Another Splits (`splits watch`, process 4242)", the process to stop
 * when it should not be running. `pid` is given only for a holder on this computer.
 */
export function otherHolder(program: LockProgram | null, pid: number | null): string {
  if (program === null) return 'Another Splits';
  const what = program.kind === 'app' ? 'the desktop app' : `\`splits ${program.command}\``;
  return `Another Splits (${what}${pid === null ? '' : `, process ${pid}`})`;
}

/** Who holds the folder, for the window (where "Splits" is the app itself). */
export function otherHolderForWindow(program: LockProgram | null): string {
  if (program === null) return 'Another Splits (the command line, or a second copy)';
  return program.kind === 'app'
    ? 'A second copy of the Splits app'
    : `The command line (\`splits ${program.command}\`)`;
}
