// Menu and MenuItem: built from templates as Electron builds them, so a test reads the labels, types and checked states
// the app set, and clicks an item the way Electron does (a checkbox flips before its click runs, a radio item checks
// itself and unchecks its group, role 'quit' quits).
import { EventEmitter } from 'node:events';
import type { Returning, Slice } from './electron-types';
import type { Hub } from './hub';

// Not 'role': Electron 45 accepts more roles in MenuItemConstructorOptions than MenuItem.role declares; we keep the option's.
type ItemKeys =
  | 'id'
  | 'label'
  | 'sublabel'
  | 'toolTip'
  | 'type'
  | 'checked'
  | 'enabled'
  | 'visible'
  | 'accelerator'
  | 'commandId'
  | 'click';
type MenuKeys = 'append' | 'insert' | 'popup' | 'closePopup';

let nextCommandId = 1;

export function defineMenu(hub: Hub) {
  let applicationMenu: StandinMenu | null = null;

  class StandinMenuItem implements Slice<Electron.MenuItem, ItemKeys> {
    readonly commandId = nextCommandId++;
    id: string;
    label: string;
    sublabel: string;
    toolTip: string;
    type: Electron.MenuItem['type'];
    checked: boolean;
    enabled: boolean;
    visible: boolean;
    role?: Electron.MenuItemConstructorOptions['role'];
    accelerator: string | null;
    submenu?: StandinMenu;
    /** The menu this item is in, once appended. */
    menu: StandinMenu | null = null;
    // Electron's MenuItem.click: (event, focusedWindow, focusedWebContents), wrapping the template's click.
    click: (event?: unknown, focusedWindow?: unknown, focusedWebContents?: unknown) => void;

    constructor(options: Electron.MenuItemConstructorOptions) {
      this.submenu =
        options.submenu === undefined
          ? undefined
          : options.submenu instanceof StandinMenu
            ? options.submenu
            : StandinMenu.buildFromTemplate(asArray(options.submenu));
      this.type = options.type ?? (this.submenu ? 'submenu' : 'normal');
      this.id = options.id ?? String(this.commandId);
      this.label = options.label ?? (options.role ? roleLabel(options.role) : '');
      this.sublabel = options.sublabel ?? '';
      this.toolTip = options.toolTip ?? '';
      this.checked = options.checked ?? false;
      this.enabled = options.enabled ?? true;
      this.visible = options.visible ?? true;
      this.role = options.role;
      this.accelerator = options.accelerator ?? null;
      const click = options.click;
      this.click = (event, focusedWindow) => {
        if (this.type === 'checkbox') this.checked = !this.checked;
        if (this.type === 'radio') this.checkInGroup();
        if (this.role === 'quit') return hub.app.quit();
        if (this.role) return hub.problem(`menu role '${this.role}' is not modelled`);
        // Electron calls the template's click with (menuItem, window, event).
        click?.(
          this as unknown as Electron.MenuItem,
          focusedWindow as Electron.BaseWindow | undefined,
          (event ?? {}) as Electron.KeyboardEvent,
        );
      };
    }

    /** A radio item checks itself and unchecks the others of its group (the run of radio items around it). */
    private checkInGroup(): void {
      const items = this.menu?.items ?? [this];
      const at = items.indexOf(this);
      let start = at;
      while (start > 0 && items[start - 1]!.type === 'radio') start--;
      for (let i = start; i < items.length && items[i]!.type === 'radio'; i++) items[i]!.checked = items[i] === this;
    }
  }

  class StandinMenu
    extends EventEmitter
    implements Slice<Electron.Menu, MenuKeys>, Returning<Electron.Menu, 'getMenuItemById', StandinMenuItem | null>
  {
    readonly items: StandinMenuItem[] = [];

    static buildFromTemplate(template: Array<Electron.MenuItemConstructorOptions | Electron.MenuItem>): StandinMenu {
      const menu = new StandinMenu();
      for (const entry of template)
        menu.append(
          (entry instanceof StandinMenuItem
            ? entry
            : new StandinMenuItem(entry as Electron.MenuItemConstructorOptions)) as unknown as Electron.MenuItem,
        );
      return menu;
    }

    static setApplicationMenu(menu: Electron.Menu | null): void {
      applicationMenu = menu === null ? null : asMenu(menu);
    }

    static getApplicationMenu(): StandinMenu | null {
      return applicationMenu;
    }

    append(menuItem: Electron.MenuItem): void {
      this.insert(this.items.length, menuItem);
    }

    insert(pos: number, menuItem: Electron.MenuItem): void {
      const item = asItem(menuItem);
      item.menu = this;
      this.items.splice(pos, 0, item);
    }

    getMenuItemById(id: string): StandinMenuItem | null {
      for (const item of this.items) {
        if (item.id === id) return item;
        const found = item.submenu?.getMenuItemById(id);
        if (found) return found;
      }
      return null;
    }

    popup(): void {
      this.emit('menu-will-show');
    }

    closePopup(): void {
      this.emit('menu-will-close');
    }
  }

  function asItem(item: unknown): StandinMenuItem {
    if (item instanceof StandinMenuItem) return item;
    throw new Error('electron stand-in: a menu item not made by this MenuItem');
  }

  function asMenu(menu: unknown): StandinMenu {
    if (menu instanceof StandinMenu) return menu;
    throw new Error('electron stand-in: a menu not made by this Menu');
  }

  const _menuStatics: Returning<typeof Electron.Menu, 'buildFromTemplate', StandinMenu> &
    Returning<typeof Electron.Menu, 'getApplicationMenu', StandinMenu | null> &
    Pick<typeof Electron.Menu, 'setApplicationMenu'> = StandinMenu;
  const _itemConstructor: new (options: Electron.MenuItemConstructorOptions) => unknown = StandinMenuItem;
  return { Menu: StandinMenu, MenuItem: StandinMenuItem, asMenu };
}

function asArray(
  submenu: Electron.Menu | Array<Electron.MenuItemConstructorOptions | Electron.MenuItem>,
): Array<Electron.MenuItemConstructorOptions | Electron.MenuItem> {
  if (Array.isArray(submenu)) return submenu;
  throw new Error('electron stand-in: a submenu not made by this Menu');
}

function roleLabel(role: string): string {
  return role === 'quit' ? 'Quit' : role.charAt(0).toUpperCase() + role.slice(1);
}

export type MenuModule = ReturnType<typeof defineMenu>;
export type StandinMenu = InstanceType<MenuModule['Menu']>;
export type StandinMenuItem = InstanceType<MenuModule['MenuItem']>;

/** A menu as a test reads it: what a person would see. */
export interface MenuSnapshot {
  label: string;
  type: Electron.MenuItem['type'];
  enabled: boolean;
  visible: boolean;
  checked: boolean;
  submenu?: MenuSnapshot[];
}

export function snapshot(menu: StandinMenu): MenuSnapshot[] {
  return menu.items.map((item) => ({
    label: item.label,
    type: item.type,
    enabled: item.enabled,
    visible: item.visible,
    checked: item.checked,
    ...(item.submenu ? { submenu: snapshot(item.submenu) } : {}),
  }));
}

/** Clicks the visible item with this label (searching submenus), refusing a disabled or hidden one as a person would. */
export function clickItem(menu: StandinMenu, label: string, focusedWindow: unknown): void {
  const item = findItem(menu, label);
  if (!item)
    throw new Error(`electron stand-in: no menu item '${label}' (items: ${menu.items.map((i) => i.label).join(', ')})`);
  if (!item.visible || !item.enabled)
    throw new Error(`electron stand-in: menu item '${label}' is ${item.visible ? 'disabled' : 'hidden'}`);
  item.click(
    { shiftKey: false, ctrlKey: false, altKey: false, metaKey: false, triggeredByAccelerator: false },
    focusedWindow ?? undefined,
    undefined,
  );
}

function findItem(menu: StandinMenu, label: string): StandinMenuItem | undefined {
  for (const item of menu.items) {
    if (item.label === label && item.visible) return item;
    const inner = item.submenu && findItem(item.submenu, label);
    if (inner) return inner;
  }
  return undefined;
}
