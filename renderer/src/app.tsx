import { useEffect, useState } from 'react';
import { splits } from './splits-api';

export function App() {
  const [version, setVersion] = useState<string | null>(null);

  useEffect(() => {
    void splits()
      .app.info()
      .then((result) => setVersion(result.ok ? result.value.version : null));
  }, []);

  return (
    <main>
      <h1>Splits</h1>
      <p>Your Strava activities, on your own computer.</p>
      {version && <p className="version">Version {version}</p>}
    </main>
  );
}
