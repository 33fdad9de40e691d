import type { SyncStateView } from '../../../preload/payloads';
import { errorDetail, type Logger } from '../../log';
import type { SplitsDesktop } from '../splits-desktop';
import { trayModel, type TrayAction } from '../tray-model';
import { SplitsTray } from './tray';

/** How often the tray is drawn again when nothing changed: its times ("in 5 min") move on. */
const REDRAW_MS = 30_000;

export interface TrayWiring {
  tray: SplitsTray;
  /** Draws the state now, then on every change and every half minute. */
  start(): void;
  /**
   * Draws no more and takes the icon away, as the app ends. A redraw left behind read the settings after the end,
   * and remade the data folder a test had removed (Electron's process ends with the app; a process that goes on, as
   * the stand-in's, does not).
   */
  stop(): void;
}

/** The tray: the desktop's state drawn on every change, and its menu's actions done by the desktop, the window and the app. */
export function wireTray(
  assetsDir: string,
  desktop: SplitsDesktop,
  logger: Logger,
  actions: { show: () => void; quit: () => void },
): TrayWiring {
  const onAction = (action: TrayAction) => {
    switch (action) {
      case 'sync-quick':
      case 'sync-full':
        void desktop
          .sync({ mode: action === 'sync-full' ? 'full' : 'quick' })
          .catch((error: unknown) => logger.error('a sync from the tray failed', { error: String(error) }));
        return;
      case 'open':
        actions.show();
        return;
      case 'open-log-folder':
        void desktop
          .openLogFolder()
          .catch((error: unknown) => logger.error('the log folder could not be opened', { error: errorDetail(error) }));
        return;
      case 'toggle-pause':
        desktop.settings.set({ backgroundSync: !desktop.settings.get().backgroundSync });
        return;
      case 'quit':
        actions.quit();
        return;
    }
  };
  const tray = new SplitsTray(assetsDir, onAction);
  const draw = (state?: SyncStateView) => {
    try {
      tray.render(trayModel(state ?? desktop.state(), desktop.limits(), formatTime));
    } catch (error) {
      // The tray keeps its last drawing: a redraw that fails must not fail the sync or the click that asked for it.
      logger.error('the tray could not be redrawn', { error: errorDetail(error) });
    }
  };
  const stopListening = desktop.onChange(draw);
  let redraws: ReturnType<typeof setInterval> | undefined;
  return {
    tray,
    start: () => {
      draw();
      redraws = setInterval(() => draw(), REDRAW_MS);
      redraws.unref?.();
    },
    stop: () => {
      clearInterval(redraws);
      stopListening();
      tray.destroy();
    },
  };
}

/** A time today as its hour and minute, another day's with its date. */
function formatTime(epochMs: number): string {
  const date = new Date(epochMs);
  const sameDay = new Date().toDateString() === date.toDateString();
  return sameDay
    ? date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
    : date.toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
}
