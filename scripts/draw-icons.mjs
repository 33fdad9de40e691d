// Renders every icon the app and its installers use from the two SVG sources in build/ (`npm run icons`):
//   build/icon.svg -> build/icon.png (1024: electron-builder derives the .icns and .ico from it),
//                     build/icons/<n>x<n>.png (Linux), assets/icon.png (the window's icon, loaded at run time);
//   build/tray.svg -> assets/tray/tray-<state>[@2x].png (colour: Linux, Windows) and
//                     assets/tray/tray-<state>Template[@2x].png (macOS template images: black and alpha only).
// The PNGs are committed, because the app loads them at run time; a test re-runs this script and compares bytes, so
// they never drift from the SVGs.
import { Resvg } from '@resvg/resvg-js';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export const TRAY_STATES = ['idle', 'syncing', 'attention', 'limited', 'paused'];
export const LINUX_ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512];

/** Every file this script writes, relative to the project, with its size in pixels and whether it is a template. */
export function iconOutputs() {
  const outputs = [
    { path: 'build/icon.png', source: 'build/icon.svg', size: 1024, template: false },
    ...LINUX_ICON_SIZES.map((n) => ({
      path: `build/icons/${n}x${n}.png`,
      source: 'build/icon.svg',
      size: n,
      template: false,
    })),
    { path: 'assets/icon.png', source: 'build/icon.svg', size: 256, template: false },
  ];
  for (const state of TRAY_STATES) {
    for (const template of [false, true]) {
      const name = `tray-${state}${template ? 'Template' : ''}`;
      outputs.push({ path: `assets/tray/${name}.png`, source: 'build/tray.svg', state, size: 16, template });
      outputs.push({ path: `assets/tray/${name}@2x.png`, source: 'build/tray.svg', state, size: 32, template });
    }
  }
  return outputs;
}

/** The tray sheet with only `state`'s group shown (each state is a `<g data-state="..." display="...">`). */
export function showTrayState(svg, state) {
  let found = false;
  const shown = svg.replace(/<g data-state="([a-z]+)" display="[a-z]+">/g, (_, name) => {
    if (name === state) found = true;
    return `<g data-state="${name}" display="${name === state ? 'inline' : 'none'}">`;
  });
  if (!found) throw new Error(`build/tray.svg has no <g data-state="${state}" display="..."> group`);
  return shown;
}

/**
 * The same drawing in black, keeping only its alpha, as macOS wants a template image (it tints it for the menu bar).
 * A colour matrix filter over the whole canvas zeroes red, green and blue, so holes cut in a badge stay holes.
 */
export function asTemplate(svg) {
  const open = svg.match(/<svg\b[^>]*>/);
  const viewBox = open?.[0].match(/viewBox="([^"]+)"/)?.[1].split(/\s+/);
  if (!open || !viewBox) throw new Error('an SVG source needs a viewBox');
  const [x, y, width, height] = viewBox;
  const filter =
    `<filter id="macos-template" filterUnits="userSpaceOnUse" x="${x}" y="${y}" width="${width}" height="${height}">` +
    '<feColorMatrix type="matrix" values="0 0 0 0 0  0 0 0 0 0  0 0 0 0 0  0 0 0 1 0"/></filter>';
  const end = svg.lastIndexOf('</svg>');
  return `${svg.slice(0, open.index + open[0].length)}<defs>${filter}</defs><g filter="url(#macos-template)">${svg.slice(open.index + open[0].length, end)}</g></svg>\n`;
}

/** One PNG, `size` pixels wide (the sources are square). No system fonts: the icons hold no text, and fonts vary. */
export function renderPng(svg, size) {
  const resvg = new Resvg(svg, { fitTo: { mode: 'width', value: size }, font: { loadSystemFonts: false } });
  return resvg.render().asPng();
}

/** Writes every output under `outRoot` (the project by default) and returns the list of them. */
export async function drawIcons({ outRoot = root } = {}) {
  const sources = new Map();
  const outputs = iconOutputs();
  for (const output of outputs) {
    if (!sources.has(output.source)) sources.set(output.source, await readFile(join(root, output.source), 'utf8'));
    let svg = sources.get(output.source);
    if (output.state) svg = showTrayState(svg, output.state);
    if (output.template) svg = asTemplate(svg);
    const file = join(outRoot, output.path);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, renderPng(svg, output.size));
  }
  return outputs;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const outputs = await drawIcons();
  console.log(`drew ${outputs.length} icons into build/ and assets/`);
}
