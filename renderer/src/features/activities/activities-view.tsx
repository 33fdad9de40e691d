/** Placeholder until this view is built: it names what it will show. */
export function ActivitiesView() {
  return <section aria-label="ActivitiesView"><p className="muted">Coming next.</p></section>;
}
