import './maps.css';
import { useId, useState } from 'react';
import { mapsConsentWords, tileHost, tileServerSchema } from '../../../../common/map-tiles';
import type { Settings } from '../../../../preload/payloads';
import { useDraft, type DraftVerdict } from '../settings/use-draft';

type Change = <K extends keyof Settings>(key: K, value: Settings[K]) => void;

/**
 * Settings' Maps: Show maps, asked once in plain words before any map image is loaded (the tile server sees where the
 * routes are), and the tile server. Choosing another server while maps are on turns them off: the person is asked
 * again, with that server's name.
 */
export function MapSettings({
  shown,
  refused,
  change,
}: {
  shown: Settings;
  refused: Partial<Record<keyof Settings, string>>;
  change: Change;
}) {
  return (
    <>
      <h3>Maps</h3>
      <ShowMaps shown={shown} refused={refused.showMaps} change={change} />
      <TileServer
        saved={shown.tileServer}
        refused={refused.tileServer}
        onChange={(server) => {
          if (shown.showMaps) change('showMaps', false);
          change('tileServer', server);
        }}
      />
    </>
  );
}

function ShowMaps({ shown, refused, change }: { shown: Settings; refused?: string; change: Change }) {
  const id = useId();
  const [asking, setAsking] = useState(false);
  const words = mapsConsentWords(shown.tileServer);
  return (
    <div className="settings-row">
      <input
        id={id}
        type="checkbox"
        // Ticked only once allowed: while the question is asked, nothing is on yet.
        checked={shown.showMaps}
        onChange={(e) => (e.target.checked ? setAsking(true) : (setAsking(false), change('showMaps', false)))}
        aria-describedby={`${id}-hint ${id}-refused`}
      />
      <div>
        <label htmlFor={id}>Show maps</label>
        {asking && !shown.showMaps ? (
          <div role="group" aria-label="Allow maps?" className="settings-question">
            <p id={`${id}-hint`}>{words}.</p>
            <button
              type="button"
              onClick={() => {
                setAsking(false);
                change('showMaps', true);
              }}
            >
              Allow maps
            </button>{' '}
            <button type="button" onClick={() => setAsking(false)}>
              Not now
            </button>
          </div>
        ) : (
          <p id={`${id}-hint`} className="settings-hint">
            {shown.showMaps
              ? `The route is drawn on a map from ${tileHost(shown.tileServer)}, whose images are kept on this computer. Without a network it is drawn as a line.`
              : `Off: the route is drawn as a line, and no map image is loaded. ${words}.`}
          </p>
        )}
        <p id={`${id}-refused`} className="settings-refused" role={refused ? 'alert' : undefined}>
          {refused}
        </p>
      </div>
    </div>
  );
}

/** The tile server's address, checked as the person types by the rule main stores it by (useDraft). */
function TileServer({ saved, refused, onChange }: { saved: string; refused?: string; onChange: (v: string) => void }) {
  const id = useId();
  const { problem, field } = useDraft(saved, readTileServer, onChange);
  const message = problem ?? refused ?? null;
  return (
    <div className="settings-row settings-tile-server">
      <label htmlFor={id}>Tile server</label>
      <div>
        <input id={id} type="url" spellCheck={false} {...field} aria-describedby={`${id}-message ${id}-hint`} />
        <p id={`${id}-hint`} className="settings-hint">
          Where the map images come from, with {'{z}'}, {'{x}'} and {'{y}'} in the address. Splits asks it at most twice
          at a time and keeps its images for at least a week.
        </p>
        <p id={`${id}-message`} className="settings-refused" role={message ? 'alert' : undefined}>
          {message}
        </p>
      </div>
    </div>
  );
}

function readTileServer(text: string): DraftVerdict<string> {
  const verdict = tileServerSchema.safeParse(text.trim());
  return verdict.success ? { value: verdict.data } : { problem: verdict.error.issues[0]!.message };
}
