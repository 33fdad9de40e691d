// Brings Electron's own declarations (node_modules/electron/electron.d.ts) into scope as the global `Electron`
// namespace, without importing 'electron' (whose module, in plain Node, tries to download the binary). Every stand-in
// declares the slice of Electron's API it implements against these types, so a drifting signature fails `tsc`.
/// <reference types="electron" />

/** The part of T a stand-in implements: exactly Electron's signatures for the keys listed. */
export type Slice<T, K extends keyof T> = Pick<T, K>;

/**
 * Electron's parameters for each key of K, with the stand-in's own result R: for the methods that return one of
 * Electron's classes (nativeImage.createFromPath, BrowserWindow.getAllWindows), which the stand-in replaces.
 */
export type Returning<T, K extends keyof T, R> = {
  [P in K]: T[P] extends (...args: infer A) => unknown ? (...args: A) => R : never;
};
