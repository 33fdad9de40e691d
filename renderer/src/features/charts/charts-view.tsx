/** Placeholder until this view is built: it names what it will show. */
export function ChartsView() {
  return <section aria-label="ChartsView"><p className="muted">Coming next.</p></section>;
}
