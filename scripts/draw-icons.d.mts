// Types of scripts/draw-icons.mjs for the test that re-runs it.
export interface IconOutput {
  /** Relative to the project, with forward slashes. */
  path: string;
  source: 'build/icon.svg' | 'build/tray.svg';
  state?: string;
  size: number;
  template: boolean;
}
export const TRAY_STATES: readonly string[];
export const LINUX_ICON_SIZES: readonly number[];
export function iconOutputs(): IconOutput[];
export function showTrayState(svg: string, state: string): string;
export function asTemplate(svg: string): string;
export function renderPng(svg: string, size: number): Buffer;
export function drawIcons(options?: { outRoot?: string }): Promise<IconOutput[]>;
