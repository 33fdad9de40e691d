import L from 'leaflet';
import { drawRoutes, fitBackingStore, routeColour } from './draw-routes';
import type { RouteLines } from './route-lines';
import type { StopSign } from './time-slices';

/**
 * Every route as one canvas over the map's images: drawn again, a slice at a time, when the map stops moving. One
 * canvas rather than a Leaflet line per route: 20,000 lines would each be projected and kept by Leaflet at every zoom.
 * Hidden while Leaflet animates a zoom (leaflet-zoom-hide), redrawn at the new zoom.
 */
export class RoutesOverlay extends L.Layer {
  private canvas: HTMLCanvasElement | null = null;
  private drawing: StopSign = { stopped: true };

  constructor(private readonly routes: RouteLines) {
    super({ interactive: false } as L.LayerOptions);
  }

  override onAdd(map: L.Map): this {
    this.canvas = L.DomUtil.create('canvas', 'routes-overlay leaflet-zoom-hide');
    map.getPanes().overlayPane.appendChild(this.canvas);
    map.on('moveend resize', this.redraw, this);
    this.redraw();
    return this;
  }

  override onRemove(map: L.Map): this {
    this.drawing.stopped = true;
    map.off('moveend resize', this.redraw, this);
    this.canvas?.remove();
    this.canvas = null;
    return this;
  }

  /** Draws for the map as it is now (also when the theme changed). */
  redraw(): void {
    const map = this._map as L.Map | undefined;
    const canvas = this.canvas;
    if (!map || !canvas) return;
    this.drawing.stopped = true;
    const stop = (this.drawing = { stopped: false });
    const size = map.getSize();
    // The overlay pane moves with the map: the canvas sits at the container's top left, in the pane's own points.
    L.DomUtil.setPosition(canvas, map.containerPointToLayerPoint([0, 0]));
    canvas.style.width = `${size.x}px`;
    canvas.style.height = `${size.y}px`;
    fitBackingStore(canvas, size.x, size.y);
    const origin = map.getPixelBounds().min!;
    const framing = { scale: 256 * 2 ** map.getZoom(), offsetX: origin.x, offsetY: origin.y };
    void drawRoutes(canvas, this.routes, framing, routeColour(canvas), stop);
  }
}
