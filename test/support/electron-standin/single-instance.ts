// requestSingleInstanceLock across boots in one Node process. Electron keys the lock on the userData folder, so two
// boots on one data folder are the same application: the second gets false and the first hears 'second-instance'.
// Kept on globalThis because vi.resetModules() between boots would otherwise give each boot its own registry.
interface Holder {
  secondInstance(argv: string[], cwd: string, additionalData: unknown): void;
}

const KEY = Symbol.for('splits.electron-standin.single-instance-locks');
const locks: Map<string, Holder> =
  ((globalThis as Record<symbol, unknown>)[KEY] as Map<string, Holder> | undefined) ?? new Map();
(globalThis as Record<symbol, unknown>)[KEY] = locks;

export function acquire(userData: string, me: Holder, argv: string[], cwd: string, additionalData: unknown): boolean {
  const holder = locks.get(userData);
  if (holder && holder !== me) {
    holder.secondInstance(argv, cwd, additionalData);
    return false;
  }
  locks.set(userData, me);
  return true;
}

export function holds(userData: string, me: Holder): boolean {
  return locks.get(userData) === me;
}

export function release(userData: string, me: Holder): void {
  if (locks.get(userData) === me) locks.delete(userData);
}
