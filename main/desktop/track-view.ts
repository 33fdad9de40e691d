// A track's view is made in main/archive/track-view.ts now, once, when the track is stored. This file only bridges the
// handler table until it reads the stored view (main/archive/open-track-view.ts), and goes with that change.
export { trackView } from '../archive/track-view';
