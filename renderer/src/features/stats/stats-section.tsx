import { createContext, useContext, useId, type ReactNode } from 'react';

/**
 * Whose statistics a section shows, when the view shows several athletes' (else null): each section's name then says
 * whose it is, so no two landmarks of the page share a name, and a screen reader's list of them tells them apart.
 */
export const WhoseStats = createContext<string | null>(null);

/** One part of the statistics: a region named by its heading (and, among several athletes, by whose it is). */
export function StatsSection({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  const whose = useContext(WhoseStats);
  return (
    <section aria-labelledby={id} className="stats-section">
      <h2 id={id}>
        {title}
        {whose !== null && <span className="charts-visually-hidden">, {whose}</span>}
      </h2>
      {children}
    </section>
  );
}
