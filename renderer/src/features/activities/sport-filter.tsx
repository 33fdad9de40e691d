import { useEffect, useRef } from 'react';
import { sportName } from '../../format/units';

export interface SportFilterProps {
  /** Every sport type stored, from main. */
  sportTypes: string[];
  chosen: ReadonlySet<string>;
  onToggle: (sport: string) => void;
  /** Held by the view, which closes it when an activity opens. */
  open: boolean;
  onOpenChange: (open: boolean) => void;
}

/**
 * The sport types as a drop-down of checkboxes. It floats over the table, so it closes the way a menu does: on
 * Escape (focus back on its summary), on a press anywhere outside it, and when the view opens an activity.
 */
export function SportFilter({ sportTypes, chosen, onToggle, open, onOpenChange }: SportFilterProps) {
  const box = useRef<HTMLDetailsElement>(null);
  const change = useRef(onOpenChange);
  change.current = onOpenChange;

  useEffect(() => {
    if (!open) return;
    const outside = (event: Event) => {
      if (event.target instanceof Node && !box.current?.contains(event.target)) change.current(false);
    };
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, [open]);

  return (
    <details
      ref={box}
      className="sport-filter"
      open={open}
      onToggle={(e) => e.currentTarget.open !== open && onOpenChange(e.currentTarget.open)}
      onKeyDown={(e) => {
        if (e.key !== 'Escape' || !open) return;
        // Escape belongs to the drop-down while it is open, not to the table or the panel behind it.
        e.stopPropagation();
        onOpenChange(false);
        box.current?.querySelector('summary')?.focus();
      }}
    >
      <summary>Sports: {chosen.size === 0 ? 'all' : [...chosen].map(sportName).join(', ')}</summary>
      <fieldset>
        <legend>Sport types</legend>
        {sportTypes.length === 0 && <p className="muted">No sports yet.</p>}
        {sportTypes.map((sport) => (
          <label key={sport} className="sport-option">
            <input type="checkbox" checked={chosen.has(sport)} onChange={() => onToggle(sport)} /> {sportName(sport)}
          </label>
        ))}
      </fieldset>
    </details>
  );
}
