/**
 * The name of a track's view (main/archive/track-view-file.ts) in the tracks folder, beside `<id>.json.gz`: the store
 * deletes it with the track, and the archive writes and reads it.
 */
export const trackViewFileName = (activityId: number): string => `${activityId}.view.json.gz`;
