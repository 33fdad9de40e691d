// Tray: the icon, tooltip, title and context menu the app set, kept so a test can read them and click.
import { EventEmitter } from 'node:events';
import type { Slice } from './electron-types';
import type { Hub } from './hub';
import type { MenuModule, StandinMenu } from './menu';
import { asImage, type StandinNativeImage } from './native-image';

/** What main passes is typed as Electron's; a test's own calls pass the stand-in's. */
type Image = Electron.NativeImage | StandinNativeImage | string;

type TrayKeys =
  | 'setImage'
  | 'setPressedImage'
  | 'setToolTip'
  | 'setTitle'
  | 'getTitle'
  | 'setContextMenu'
  | 'destroy'
  | 'isDestroyed'
  | 'popUpContextMenu'
  | 'closeContextMenu'
  | 'setIgnoreDoubleClickEvents'
  | 'getIgnoreDoubleClickEvents'
  | 'focus';

export function defineTray(hub: Hub, menus: MenuModule) {
  /** Every tray made, oldest first (destroyed ones included). */
  const trays: StandinTray[] = [];

  class StandinTray extends EventEmitter implements Slice<Electron.Tray, TrayKeys> {
    image: StandinNativeImage;
    pressedImage: StandinNativeImage | null = null;
    toolTip = '';
    title = '';
    menu: StandinMenu | null = null;
    private destroyed = false;
    private ignoreDoubleClick = false;

    constructor(image: Image) {
      super();
      if (!hub.app.isReady()) throw new Error('Cannot create Tray before app is ready');
      this.image = asImage(hub, image);
      trays.push(this);
    }

    setImage(image: Image): void {
      this.alive();
      this.image = asImage(hub, image);
    }

    setPressedImage(image: Image): void {
      this.alive();
      this.pressedImage = asImage(hub, image);
    }

    setToolTip(toolTip: string): void {
      this.alive();
      this.toolTip = toolTip;
    }

    setTitle(title: string): void {
      this.alive();
      this.title = title;
    }

    getTitle(): string {
      this.alive();
      return this.title;
    }

    setContextMenu(menu: Electron.Menu | StandinMenu | null): void {
      this.alive();
      this.menu = menu === null ? null : menus.asMenu(menu);
    }

    popUpContextMenu(): void {
      this.alive();
      this.menu?.popup();
    }

    closeContextMenu(): void {
      this.menu?.closePopup();
    }

    setIgnoreDoubleClickEvents(ignore: boolean): void {
      this.ignoreDoubleClick = ignore;
    }

    getIgnoreDoubleClickEvents(): boolean {
      return this.ignoreDoubleClick;
    }

    focus(): void {}

    destroy(): void {
      this.destroyed = true;
    }

    isDestroyed(): boolean {
      return this.destroyed;
    }

    private alive(): void {
      // Electron's own message for a call on a destroyed tray.
      if (this.destroyed) throw new Error('Tray is destroyed');
      hub.alive('Tray');
    }
  }
  const _constructor: new (image: Electron.NativeImage | string, guid?: string) => unknown = StandinTray;
  return { Tray: StandinTray, trays };
}

export type StandinTray = InstanceType<ReturnType<typeof defineTray>['Tray']>;
