/** Said under the plain picture when the tile server failed (no network, an error, something else than images). */
export function MapFailureNote({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <p className="map-note" role="status">
      No map: {message}{' '}
      <button type="button" onClick={onRetry}>
        Try the map again
      </button>
    </p>
  );
}
