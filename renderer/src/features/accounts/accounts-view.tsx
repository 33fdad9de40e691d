/** Placeholder until this view is built: it names what it will show. */
export function AccountsView() {
  return <section aria-label="AccountsView"><p className="muted">Coming next.</p></section>;
}
