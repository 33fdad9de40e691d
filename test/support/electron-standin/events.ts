// Electron's event objects: listeners get an object whose preventDefault() the emitter reads back afterwards
// (before-quit, will-quit, close, will-navigate...).
import './electron-types';

export function electronEvent<P extends object = object>(params?: P): Electron.Event<P> {
  let prevented = false;
  const base = {
    preventDefault: () => {
      prevented = true;
    },
    get defaultPrevented() {
      return prevented;
    },
  };
  return Object.assign(base, params) as Electron.Event<P>;
}
