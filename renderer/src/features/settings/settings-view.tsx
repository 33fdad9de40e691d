/** Placeholder until this view is built: it names what it will show. */
export function SettingsView() {
  return <section aria-label="SettingsView"><p className="muted">Coming next.</p></section>;
}
