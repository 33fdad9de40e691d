import { LogFolderOffer } from './log-folder';

/**
 * A question main could not answer, in a view's place: what failed (main's message, after the view's own words when it
 * has them), a way to ask again, and the way to the log when main's error points there.
 */
export function ReadFailure({
  what,
  error,
  onRetry,
  className,
}: {
  /** The view's words before main's message ("The charts could not be read"), or none: main's message alone. */
  what?: string;
  error: { code: string; message: string };
  onRetry: () => void;
  className?: string;
}) {
  return (
    <div role="alert" className={className}>
      <p>{what === undefined ? error.message : `${what}: ${error.message}`}</p>
      <button type="button" onClick={onRetry}>
        Try again
      </button>
      <LogFolderOffer error={error} />
    </div>
  );
}
