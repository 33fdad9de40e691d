/** Placeholder until this view is built: it names what it will show. */
export function HistoryView() {
  return <section aria-label="HistoryView"><p className="muted">Coming next.</p></section>;
}
