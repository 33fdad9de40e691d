import { errorDetail, type Logger } from '../log';

/**
 * Main's last resort for errors nothing caught: a throw in an event handler or a timer, a promise rejected with nobody
 * waiting for it. Until the app is up (`started()`), such an error ends it through `cannotStart` (the start-up
 * dialog), as a failed start does: half set up, it would sit in the tray doing nothing. From then on it is logged and
 * the app stays: what threw was one callback (a tray click, a timer's tick, a handler's promise), every file is
 * written atomically so nothing on disk is half-written, and a tray app that vanished would stop syncing without a
 * word, where Electron's own default puts a stack trace in a dialog.
 */
export function catchStrayErrors(
  logger: Logger,
  cannotStart: (error: unknown) => void,
  on: NodeJS.Process = process,
): { started(): void } {
  let phase: 'starting' | 'running' | 'ending' = 'starting';
  const handle = (what: string) => (error: unknown) => {
    try {
      logger.error(phase === 'running' ? `${what}; Splits carries on` : what, { error: errorDetail(error) });
      if (phase !== 'starting') return;
      phase = 'ending';
      cannotStart(error);
    } catch {
      // Throwing from here would end the process at once, without a word: a log or a dialog that fails is let go.
    }
  };
  on.on('uncaughtException', handle('an uncaught exception'));
  on.on('unhandledRejection', handle('a promise was rejected and nothing handled it'));
  return {
    started: () => {
      if (phase === 'starting') phase = 'running';
    },
  };
}
