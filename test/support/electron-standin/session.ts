// session.defaultSession: the permission handlers the app installs, kept so a test can ask them.
import type { Slice } from './electron-types';

type SessionKeys = 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setSpellCheckerEnabled';
type RequestHandler = Parameters<Electron.Session['setPermissionRequestHandler']>[0];
type CheckHandler = Parameters<Electron.Session['setPermissionCheckHandler']>[0];

export class StandinSession implements Slice<Electron.Session, SessionKeys> {
  requestHandler: RequestHandler = null;
  checkHandler: CheckHandler = null;
  spellChecker = true;

  setPermissionRequestHandler(handler: RequestHandler): void {
    this.requestHandler = handler;
  }

  setPermissionCheckHandler(handler: CheckHandler): void {
    this.checkHandler = handler;
  }

  setSpellCheckerEnabled(enable: boolean): void {
    this.spellChecker = enable;
  }

  /** What the app answers when a page asks for a permission (Electron grants it when no handler is set). */
  async requestPermission(
    webContents: unknown,
    permission: Parameters<NonNullable<RequestHandler>>[1],
  ): Promise<boolean> {
    const handler = this.requestHandler;
    if (!handler) return true;
    return new Promise((resolve) =>
      handler(webContents as Electron.WebContents, permission, resolve, {
        requestingUrl: '',
        isMainFrame: true,
      } as Electron.PermissionRequest),
    );
  }
}
