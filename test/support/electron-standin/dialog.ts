// dialog: message boxes are answered from a queue the test scripts (then a default), and every one is kept.
import type { Slice } from './electron-types';
import type { Hub } from './hub';

type Answer = Partial<Electron.MessageBoxReturnValue> | number;

export interface AskedBox {
  options: Electron.MessageBoxOptions;
  window: unknown;
  answer: Electron.MessageBoxReturnValue;
}

export function defineDialog(hub: Hub) {
  const state = {
    /** Answers for the next boxes, first first: a button index, or { response, checkboxChecked }. */
    answers: [] as Answer[],
    /** Used when the queue is empty; by default the box's defaultId, as pressing Enter would. */
    defaultAnswer: null as Answer | null,
    asked: [] as AskedBox[],
    errorBoxes: [] as Array<{ title: string; content: string }>,
    /** What the next open dialogs answer, first first: the paths picked, or null for Cancel (the default). */
    openAnswers: [] as Array<string[] | null>,
    opened: [] as Electron.OpenDialogOptions[],
  };

  function pick(options: Electron.OpenDialogOptions): Electron.OpenDialogReturnValue {
    hub.alive('dialog.showOpenDialog');
    state.opened.push(options);
    const paths = state.openAnswers.shift() ?? null;
    return paths === null ? { canceled: true, filePaths: [] } : { canceled: false, filePaths: paths };
  }

  function answer(window: unknown, options: Electron.MessageBoxOptions): Electron.MessageBoxReturnValue {
    hub.alive('dialog.showMessageBox');
    const scripted = state.answers.shift() ?? state.defaultAnswer ?? options.defaultId ?? 0;
    const given = typeof scripted === 'number' ? { response: scripted } : scripted;
    const result = {
      response: given.response ?? options.defaultId ?? 0,
      checkboxChecked: given.checkboxChecked ?? options.checkboxChecked ?? false,
    };
    if (result.response < 0 || result.response >= Math.max(1, options.buttons?.length ?? 1))
      hub.problem(`dialog answer ${result.response} is not a button of "${options.message}"`);
    state.asked.push({ options, window, answer: result });
    return result;
  }

  // Electron's overloads: (options) or (window, options).
  function split(
    a: Electron.BaseWindow | Electron.MessageBoxOptions,
    b?: Electron.MessageBoxOptions,
  ): [unknown, Electron.MessageBoxOptions] {
    return b === undefined ? [null, a as Electron.MessageBoxOptions] : [a, b];
  }

  const dialog: Slice<Electron.Dialog, 'showMessageBox' | 'showMessageBoxSync' | 'showErrorBox' | 'showOpenDialog'> = {
    async showOpenDialog(a: Electron.BaseWindow | Electron.OpenDialogOptions, b?: Electron.OpenDialogOptions) {
      return pick(b ?? (a as Electron.OpenDialogOptions));
    },
    async showMessageBox(a: Electron.BaseWindow | Electron.MessageBoxOptions, b?: Electron.MessageBoxOptions) {
      return answer(...split(a, b));
    },
    showMessageBoxSync(a: Electron.BaseWindow | Electron.MessageBoxSyncOptions, b?: Electron.MessageBoxSyncOptions) {
      return answer(...split(a, b)).response;
    },
    showErrorBox(title: string, content: string) {
      state.errorBoxes.push({ title, content });
    },
  };
  return { dialog, state };
}
