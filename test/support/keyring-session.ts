import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

/**
 * A real Secret Service for keychain tests: a D-Bus session of its own (dbus-run-session) running Debian's
 * gnome-keyring-daemon, its login keyring unlocked, kept in a temp home, never the keyring of the machine running the
 * tests. Processes started with `env` share it, as the desktop app and the CLI share a person's keychain; a process
 * started without it has no keychain at all.
 *
 * Missing tools fail the test: CI installs gnome-keyring and dbus (.ci/run), and a skipped keychain test proves nothing.
 */
export interface KeyringSession {
  /** DBUS_SESSION_BUS_ADDRESS and the temp HOME, for the processes that use this keychain. */
  env: Record<string, string>;
  home: string;
  /** Ends the session (the keyring daemon goes with its bus); the keyring stays on disk under `home`. */
  stop: () => Promise<void>;
}

const SCRIPT = [
  'command -v gnome-keyring-daemon >/dev/null || { echo "gnome-keyring-daemon is not installed (apt-get install gnome-keyring dbus)" >&2; exit 127; }',
  // --unlock reads the login keyring's password on stdin, creating the keyring at the first start in this home.
  'printf pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null || exit 1',
  'echo "$DBUS_SESSION_BUS_ADDRESS"',
  // The session lasts until the test closes stdin (or dies, which closes it too): nothing outlives the test run.
  'exec cat >/dev/null',
].join('\n');

/** Starts a session; `home` reuses an earlier session's keyring (a person logging in again). */
export async function startKeyringSession(home?: string): Promise<KeyringSession> {
  const dir = home ?? (await mkdtemp(join(tmpdir(), 'splits-keyring-')));
  const child = spawn('dbus-run-session', ['--', 'sh', '-c', SCRIPT], {
    env: { PATH: process.env.PATH ?? '', HOME: dir, XDG_DATA_HOME: join(dir, '.local', 'share') },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const address = await firstLine(child);
  const exited = new Promise<void>((resolve) =>
    child.exitCode !== null ? resolve() : child.once('exit', () => resolve()),
  );
  return {
    env: { DBUS_SESSION_BUS_ADDRESS: address, HOME: dir },
    home: dir,
    stop: async () => {
      child.stdin.end();
      await exited;
    },
  };
}

/** Keyring sessions for a test file: each test starts its own, all stopped (and their homes removed) after it. */
export function useKeyringSessions(): (home?: string) => Promise<KeyringSession> {
  const started: KeyringSession[] = [];
  const homes = new Set<string>();
  afterEach(async () => {
    for (const s of started.splice(0)) await s.stop();
    for (const h of homes) await rm(h, { recursive: true, force: true });
    homes.clear();
  });
  return async (home) => {
    const session = await startKeyringSession(home);
    started.push(session);
    homes.add(session.home);
    return session;
  };
}

function firstLine(child: ChildProcessWithoutNullStreams): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    let settled = false;
    const timer = setTimeout(() => fail(new Error(`the D-Bus session did not start within 15 s: ${err}`)), 15_000);
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    child.once('error', (error) =>
      fail(new Error(`dbus-run-session could not start (apt-get install dbus gnome-keyring): ${error.message}`)),
    );
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n')[0]!;
      if (!settled && out.includes('\n') && line.startsWith('unix:')) {
        settled = true;
        clearTimeout(timer);
        resolve(line);
      }
    });
    child.once('exit', (code) =>
      fail(new Error(`the D-Bus session ended (exit ${code}) before it answered: ${err.trim()}`)),
    );
  });
}
