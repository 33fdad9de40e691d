import { Menu, nativeImage, Tray, type MenuItemConstructorOptions } from 'electron';
import { join } from 'node:path';
import type { TrayState } from '../../../preload/payloads';
import type { TrayAction, TrayModel } from '../tray-model';

/**
 * The tray icon and its menu, drawn from a TrayModel. macOS gets template images (black glyphs the system tints for
 * light and dark menu bars); elsewhere the coloured ones. A `@2x` file beside each is picked up for high-density
 * screens.
 */
export class SplitsTray {
  private readonly tray: Tray;
  private shown: { icon: TrayState | null; tooltip: string; menu: string } = { icon: null, tooltip: '', menu: '' };

  constructor(
    private readonly assetsDir: string,
    private readonly onAction: (action: TrayAction) => void,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {
    this.tray = new Tray(this.image('idle'));
    // Where the platform sends clicks to the icon (Windows, most Linux desktops), a click opens the window; the menu
    // has "Open Splits" for the others (macOS opens the menu, some Linux trays never report clicks).
    this.tray.on('click', () => this.onAction('open'));
  }

  render(model: TrayModel): void {
    if (this.tray.isDestroyed()) return;
    if (model.icon !== this.shown.icon) this.tray.setImage(this.image(model.icon));
    if (model.tooltip !== this.shown.tooltip) this.tray.setToolTip(model.tooltip);
    const menu = JSON.stringify(model.items);
    // Rebuilt only when something in it changed: some Linux trays flicker or close an open menu on every rebuild.
    if (menu !== this.shown.menu)
      this.tray.setContextMenu(Menu.buildFromTemplate(model.items.map((item) => this.menuItem(item))));
    this.shown = { icon: model.icon, tooltip: model.tooltip, menu };
  }

  destroy(): void {
    if (!this.tray.isDestroyed()) this.tray.destroy();
  }

  private menuItem(item: TrayModel['items'][number]): MenuItemConstructorOptions {
    switch (item.kind) {
      case 'separator':
        return { type: 'separator' };
      case 'info':
        return { label: item.label, enabled: false };
      case 'check':
        return { label: item.label, type: 'checkbox', checked: item.checked, click: () => this.onAction(item.action) };
      case 'action':
        return { label: item.label, enabled: item.enabled, click: () => this.onAction(item.action) };
    }
  }

  private image(state: TrayState) {
    const template = this.platform === 'darwin';
    const image = nativeImage.createFromPath(
      join(this.assetsDir, 'tray', `tray-${state}${template ? 'Template' : ''}.png`),
    );
    if (template) image.setTemplateImage(true);
    return image;
  }
}
