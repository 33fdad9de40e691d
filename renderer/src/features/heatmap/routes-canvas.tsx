import { useEffect, useRef, useState } from 'react';
import { useTheme } from '../charts/theme-colors';
import { drawRoutes, fitBackingStore, routeColour, type Framing } from './draw-routes';
import type { RouteLines, WorldBox } from './route-lines';

/** The picture's height in CSS pixels; its width is the view's. */
export const HEATMAP_HEIGHT = 352;
const PADDING = 12;
/** The closest framing: a few streets across (a map's zoom 17), so one short route is not blown up to a blob. */
const MOST_SCALE = 256 * 2 ** 17;

/** The scale and offset that put `box` in the middle of a width × height picture, its shape kept. */
export function frameBox(box: WorldBox, width: number, height: number): Framing {
  const across = Math.max(box.maxX - box.minX, 1e-12);
  const down = Math.max(box.maxY - box.minY, 1e-12);
  const scale = Math.min((width - 2 * PADDING) / across, (height - 2 * PADDING) / down, MOST_SCALE);
  return {
    scale,
    offsetX: ((box.minX + box.maxX) / 2) * scale - width / 2,
    offsetY: ((box.minY + box.maxY) / 2) * scale - height / 2,
  };
}

/** Every route on one canvas, framed to them all, without a map: nothing is asked of any server. */
export function RoutesCanvas({ routes, label }: { routes: RouteLines; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [width, setWidth] = useState(0);
  const theme = useTheme();

  // The view resizes with the window: the picture follows its box.
  useEffect(() => {
    const element = canvas.current!;
    const observer = new ResizeObserver(() => setWidth(element.clientWidth));
    observer.observe(element);
    setWidth(element.clientWidth);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const element = canvas.current!;
    if (width === 0 || !routes.bounds) return;
    const stop = { stopped: false };
    fitBackingStore(element, width, HEATMAP_HEIGHT);
    void drawRoutes(element, routes, frameBox(routes.bounds, width, HEATMAP_HEIGHT), routeColour(element), stop);
    return () => {
      stop.stopped = true;
    };
  }, [routes, width, theme]);

  return <canvas ref={canvas} className="routes-canvas" role="img" aria-label={label} />;
}
