import { useState } from 'react';
import { splits } from '../../bridge/splits';

/**
 * "Open the log folder": main opens the folder of its log files in the system's file manager. The window never learns
 * where that is (paths stay in main); all it can do is ask main to open it.
 */
export function OpenLogFolderButton() {
  const [failure, setFailure] = useState<string | null>(null);
  const open = () => {
    setFailure(null);
    void splits()
      .app.openLogFolder()
      .then(
        (result) => setFailure(result.ok ? null : result.error.message),
        (e: unknown) => setFailure(String(e)),
      );
  };
  return (
    <>
      <button type="button" onClick={open}>
        Open the log folder
      </button>
      {failure !== null && <span role="alert"> {failure}</span>}
    </>
  );
}

/**
 * Beside a failure main did not expect (`internal`, whose message says the details are in the log): the way to that
 * log, after a space. Nothing at all for the others (their message says what happened and what to do), so their text
 * stays exactly main's message.
 */
export function LogFolderOffer({ error }: { error: { code: string } | null | undefined }) {
  if (error?.code !== 'internal') return null;
  return (
    <>
      {' '}
      <OpenLogFolderButton />
    </>
  );
}
