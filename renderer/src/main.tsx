import './zod-config';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { askFirstPageEarly } from './features/activities/first-page';
import { NoBridge, hasBridge } from './no-bridge';
import './styles.css';

const root = createRoot(document.getElementById('root')!);
if (!hasBridge()) root.render(<NoBridge />);
else {
  // The activity table opens first: its first page is asked for before React renders, so it is on its way meanwhile.
  askFirstPageEarly();
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
