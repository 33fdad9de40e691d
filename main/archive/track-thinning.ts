// Which samples of a long track a view keeps. Evenly spread samples miss what a person looks for (a sprint's peak, the
// summit, a hairpin): these two keep the samples that shape the lines, each within a budget of points.

/**
 * Largest-Triangle-Three-Buckets (Steinarsson, 2013) on one series: of `at` (sample indexes, in order) keeps `most`,
 * the first and the last among them, and from each bucket between the sample that makes the largest triangle with the
 * one kept before it and the mean of the next bucket, so peaks and troughs stay where an even spread would step over
 * them. x is the sample's place in `at`: time and distance, the charts' x, both grow with it, and the choice depends
 * on which sample stands out in y, not on the spacing of x.
 */
export function largestTriangles(at: readonly number[], y: (i: number) => number, most: number): number[] {
  const n = at.length;
  if (most >= n || n <= 2) return [...at];
  if (most < 3) return [at[0]!, at[n - 1]!];
  const kept = [at[0]!];
  const every = (n - 2) / (most - 2);
  let a = 0;
  for (let bucket = 0; bucket < most - 2; bucket++) {
    const nextFrom = Math.floor((bucket + 1) * every) + 1;
    const nextTo = Math.min(Math.floor((bucket + 2) * every) + 1, n);
    let meanX = 0;
    let meanY = 0;
    for (let j = nextFrom; j < nextTo; j++) {
      meanX += j;
      meanY += y(at[j]!);
    }
    const span = nextTo - nextFrom;
    meanX /= span;
    meanY /= span;
    const ay = y(at[a]!);
    let best = -1;
    let bestArea = -1;
    for (let j = Math.floor(bucket * every) + 1; j < nextFrom; j++) {
      const area = Math.abs((a - meanX) * (y(at[j]!) - ay) - (a - j) * (meanY - ay));
      if (area > bestArea) {
        bestArea = area;
        best = j;
      }
    }
    kept.push(at[best]!);
    a = best;
  }
  kept.push(at[n - 1]!);
  return kept;
}

/**
 * Douglas-Peucker on the route, by budget: of `at` (sample indexes, in order) keeps the first and the last, then
 * again and again the sample farthest from the line the kept ones draw, until `most` are kept or the rest lie on it.
 * A route is a line in the plane, not a value over x as LTTB needs: LTTB's buckets would cut a loop or an
 * out-and-back by time and miss the corners, where this keeps exactly the turns that give the route its shape.
 */
export function farthestPoints(
  at: readonly number[],
  lat: (i: number) => number,
  lng: (i: number) => number,
  most: number,
): number[] {
  const n = at.length;
  if (most >= n || n <= 2) return [...at];
  // Degrees of longitude shrink towards the poles: scaled by the route's latitude, the plane is near enough true.
  const shrink = Math.cos((lat(at[0]!) * Math.PI) / 180);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    x[j] = lng(at[j]!) * shrink;
    y[j] = lat(at[j]!);
  }
  const open: Array<{ from: number; to: number; far: number; distance: number }> = [];
  const split = (from: number, to: number) => {
    let far = -1;
    let distance = 0;
    for (let j = from + 1; j < to; j++) {
      const d = toSegment2(x[j]!, y[j]!, x[from]!, y[from]!, x[to]!, y[to]!);
      if (d > distance) {
        distance = d;
        far = j;
      }
    }
    if (far >= 0) open.push({ from, to, far, distance });
  };
  const kept = new Set([0, n - 1]);
  split(0, n - 1);
  // A budget of a few thousand: a scan of the open segments for the farthest is cheaper than keeping a heap.
  while (kept.size < Math.max(2, most) && open.length > 0) {
    let top = 0;
    for (let k = 1; k < open.length; k++) if (open[k]!.distance > open[top]!.distance) top = k;
    const { from, to, far } = open[top]!;
    open[top] = open[open.length - 1]!;
    open.pop();
    kept.add(far);
    split(from, far);
    split(far, to);
  }
  return [...kept].sort((p, q) => p - q).map((j) => at[j]!);
}

/** The squared distance from (px, py) to the segment from (ax, ay) to (bx, by): to its nearer end past either. */
function toSegment2(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const length2 = dx * dx + dy * dy;
  const along = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / length2));
  const ex = px - (ax + along * dx);
  const ey = py - (ay + along * dy);
  return ex * ex + ey * ey;
}
