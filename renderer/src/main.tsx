import './zod-config';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { askFirstPageEarly } from './features/activities/first-page';
import './styles.css';

// The activity table opens first: its first page is asked for before React renders, so it is on its way meanwhile.
askFirstPageEarly();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
