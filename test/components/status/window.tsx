// The status bar (or any view) rendered in jsdom over the real desktop core: window.splits is the real bridge over
// the real handler table (test/support/window-bridge.ts), and the live provider subscribes to main's real events.
import { render, type RenderResult } from '@testing-library/react';
import type { ReactNode } from 'react';
import { vi } from 'vitest';
import type { ViewName } from '../../../renderer/src/view-name';
import { LiveProvider } from '../../../renderer/src/bridge/live';
import { StatusBar } from '../../../renderer/src/features/status/status-bar';
import type { DesktopUnderTest } from '../../support/desktop-core';
import { installBridge } from '../../support/window-bridge';

export interface Window {
  view: RenderResult;
  /** Every view the status bar asked the shell to show. */
  navigate: ReturnType<typeof vi.fn<(view: ViewName) => void>>;
  close: () => Promise<void>;
}

export function openWindow(app: DesktopUnderTest, children?: ReactNode): Window {
  const uninstall = installBridge(app);
  const navigate = vi.fn<(view: ViewName) => void>();
  const view = render(<LiveProvider>{children ?? <StatusBar onNavigate={navigate} />}</LiveProvider>);
  return {
    view,
    navigate,
    close: async () => {
      view.unmount();
      uninstall();
      await app.close();
    },
  };
}
