/** Step 1: what to type on Strava's "My API Application" page. The link opens in the system browser. */
export function StravaAppStep({ done }: { done: boolean }) {
  return (
    <>
      <p>
        Splits reads your activities through an API application of your own, so your data goes from Strava to this
        computer and nowhere else. Open{' '}
        <a href="https://www.strava.com/settings/api" target="_blank" rel="noreferrer">
          strava.com/settings/api
        </a>{' '}
        (it opens in your browser), sign in, and fill in:
      </p>
      <dl className="guide-fields">
        <dt>Application Name</dt>
        <dd>
          <kbd>Splits</kbd> (any name: only you see it)
        </dd>
        <dt>Category</dt>
        <dd>
          any, for example <kbd>Data Importer</kbd>
        </dd>
        <dt>Website</dt>
        <dd>
          <kbd>http://localhost</kbd> (Strava asks for one; nothing is served there)
        </dd>
        <dt>Authorization Callback Domain</dt>
        <dd>
          <kbd>localhost</kbd> (exactly this: Strava sends you back to Splits on this computer)
        </dd>
      </dl>
      <p className="muted">
        Then save it, and upload an icon if Strava asks for one. {done && 'Done already: your application is set.'}
      </p>
    </>
  );
}
