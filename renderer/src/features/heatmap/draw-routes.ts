import type { RouteLines } from './route-lines';
import { inSlices, type StopSign } from './time-slices';

/** Where the world square lands on a canvas: a pixel is world × scale − offset (CSS pixels). */
export interface Framing {
  scale: number;
  offsetX: number;
  offsetY: number;
}

/**
 * How strong one route is drawn: light enough that only roads taken often turn solid (the heat), strong enough that
 * a route taken once still shows. Each route is stroked alone, so overlaps add up.
 */
export function routeAlpha(count: number): number {
  return Math.max(0.04, Math.min(0.7, 3 / Math.sqrt(Math.max(1, count))));
}

/**
 * Clears the canvas and draws every route on it, a slice at a time; the canvas's backing store is `ratio` times its
 * CSS size (a sharp picture on a high-density screen). Answers false when stopped first.
 */
export async function drawRoutes(
  canvas: HTMLCanvasElement,
  routes: RouteLines,
  framing: Framing,
  colour: string,
  stop: StopSign,
): Promise<boolean> {
  const context = canvas.getContext('2d');
  if (!context) return false;
  const ratio = canvas.width / Math.max(1, canvas.clientWidth);
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.clearRect(0, 0, canvas.width, canvas.height);
  context.strokeStyle = colour;
  context.globalAlpha = routeAlpha(routes.lines.length);
  context.lineWidth = 1.5;
  context.lineJoin = 'round';
  context.lineCap = 'round';
  const { scale, offsetX, offsetY } = framing;
  return inSlices(
    routes.lines,
    (line) => {
      context.beginPath();
      context.moveTo(line[0]! * scale - offsetX, line[1]! * scale - offsetY);
      for (let i = 2; i < line.length; i += 2)
        context.lineTo(line[i]! * scale - offsetX, line[i + 1]! * scale - offsetY);
      // A route of one point (a swim start, a short manual one) still shows as a dot.
      if (line.length === 2) context.lineTo(line[0]! * scale - offsetX + 0.01, line[1]! * scale - offsetY);
      context.stroke();
    },
    stop,
  );
}

/** Sizes a canvas's backing store to its CSS box at the screen's density. */
export function fitBackingStore(canvas: HTMLCanvasElement, width: number, height: number): void {
  const ratio = window.devicePixelRatio || 1;
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
}

/** The routes' colour: the theme's accent, read from the stylesheet (a canvas cannot use var()). */
export const routeColour = (element: Element) =>
  getComputedStyle(element).getPropertyValue('--accent').trim() || '#c2410c';
