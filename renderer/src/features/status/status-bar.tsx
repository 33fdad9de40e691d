import type { ViewName } from '../../app';

/** Placeholder until this view is built: it names what it will show. */
export function StatusBar(_props: { onNavigate: (view: ViewName) => void }) {
  return <section aria-label="Sync status"><p className="muted">Coming next.</p></section>;
}
