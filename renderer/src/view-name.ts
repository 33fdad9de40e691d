// The window's views by name: the tabs (app.tsx) switch between them, and the status bar's fixes lead to one. Its own
// module, so that neither imports the other.
export type ViewName = 'activities' | 'charts' | 'stats' | 'accounts' | 'history' | 'settings';
