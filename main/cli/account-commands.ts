import { connectWithCode, connectWithRefreshToken, logout } from '../accounts/account-service';
import { outcomePage, startLoopbackLogin } from '../accounts/loopback-login';
import { DataLock } from '../store/data-lock';
import { StravaError } from '../strava/errors';
import type { Account } from '../store/account-store';
import { whenFolderFree } from './busy-wait';
import type { CliIo, CliServices } from './cli-context';
import { UsageError } from './exit-codes';
import { onInterrupt } from './interrupts';
import { openInBrowser } from './open-browser';
import { pasteHelp, takePastedCallbacks } from './pasted-callback';
import { storedAthletes } from '../store/stored-athletes';

export interface LoginArgs {
  noBrowser: boolean;
  port: number;
  json: boolean;
  refreshToken: string | undefined;
}

export async function loginCommand(services: CliServices, io: CliIo, args: LoginArgs): Promise<number> {
  let account: Account;
  if (args.refreshToken !== undefined) {
    account = await connectWithRefreshToken(services, args.refreshToken);
  } else {
    const oauth = services.oauth();
    const login = await startLoopbackLogin(args.port);
    let pasted: { stop: () => void } | undefined;
    try {
      const url = oauth.authorizeUrl(login.redirectUri, login.state);
      if (args.noBrowser) {
        io.err(
          `Open this address in a browser on any device to connect Splits to Strava:\n\n  ${url}\n\n${pasteHelp(login.redirectUri)}`,
        );
        pasted = takePastedCallbacks(io, login);
      } else {
        io.err(`Open this address to connect Splits to Strava:\n\n  ${url}\n\nWaiting for Strava...\n`);
        void openInBrowser(url);
      }
      // The browser's request to the loopback listener, or the address pasted: whichever comes first.
      const callback = await login.result;
      // The browser's page waits for this: it says "connected" only once the exchange and the scope check passed.
      account = await connectWithCode(services, callback.code, callback.scope).catch((error: unknown) => {
        callback.respond(outcomePage({ error }));
        throw error;
      });
      callback.respond(outcomePage(account));
    } finally {
      pasted?.stop();
      await login.close();
    }
  }
  if (args.json) io.out(`${JSON.stringify(account)}\n`);
  else
    io.out(
      `Connected ${account.name} (athlete ${account.athleteId}).${account.scope && !account.scope.includes('activity:read_all') ? ' Activities visible to "Only Me" stay out: Strava granted activity:read only.' : ''}\n`,
    );
  return 0;
}

export async function logoutCommand(
  services: CliServices,
  io: CliIo,
  args: { athleteId: number | undefined; deleteData: boolean; wait: boolean },
  signals: NodeJS.EventEmitter = process,
): Promise<number> {
  const accounts = services.store.accounts.list();
  const athleteId = args.athleteId ?? (accounts.length === 1 ? accounts[0]!.athleteId : undefined);
  if (athleteId === undefined) {
    if (accounts.length === 0) throw new StravaError('needs-login', 'No Strava account is connected.');
    throw new UsageError(
      `Several athletes are connected (${accounts.map((a) => a.athleteId).join(', ')}): say which with --athlete ID.`,
    );
  }
  if (!services.store.accounts.get(athleteId)) throw new UsageError(`Athlete ${athleteId} is not connected.`);
  const interrupt = onInterrupt(signals, () => undefined);
  try {
    const { revoked } = await whenFolderFree(io, args.wait, interrupt.signal, () =>
      logout(services, athleteId, args.deleteData),
    );
    io.out(
      `Logged out athlete ${athleteId}${revoked ? '' : ' (Strava could not be told; revoke Splits at strava.com/settings/apps)'}.` +
        (args.deleteData
          ? ' Their activities were deleted from this computer.\n'
          : ` Their activities stay on this computer: \`${io.self} activities --athlete ${athleteId}\` shows them, \`${io.self} forget ${athleteId}\` deletes them.\n`),
    );
    return 0;
  } finally {
    interrupt.dispose();
  }
}

/** Deletes the stored activities of an athlete who is no longer connected (a logout without --delete-data). */
export async function forgetCommand(
  services: CliServices,
  io: CliIo,
  args: { athleteId: number; wait: boolean },
  signals: NodeJS.EventEmitter = process,
): Promise<number> {
  const { athleteId } = args;
  if (services.store.accounts.get(athleteId)) {
    throw new UsageError(
      `Athlete ${athleteId} is connected: \`${io.self} logout --athlete ${athleteId} --delete-data\` logs them out and deletes their activities.`,
    );
  }
  if (!(await storedAthletes(services.store.dataDir)).includes(athleteId))
    throw new UsageError(`No activities of athlete ${athleteId} are stored here.`);
  const interrupt = onInterrupt(signals, () => undefined);
  try {
    // A sync must not be writing the folder meanwhile.
    await whenFolderFree(io, args.wait, interrupt.signal, async () => {
      await DataLock.hold(services.store.dataDir, { fence: services.store.fence, purpose: 'forget' }, async () => {
        // Asked again under the lock: a login of this athlete since the check above keeps their activities.
        await services.store.refresh();
        if (services.store.accounts.get(athleteId))
          throw new UsageError(`Athlete ${athleteId} connected again meanwhile: their activities were kept.`);
        await services.store.deleteActivities(athleteId);
      });
    });
  } finally {
    interrupt.dispose();
  }
  io.out(`Deleted the stored activities of athlete ${athleteId} from this computer.\n`);
  return 0;
}
