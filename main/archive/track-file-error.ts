/** Why one original file gave no track: its activity is still imported, and the summary names the file and why. */
export class TrackFileError extends Error {
  override name = 'TrackFileError';
}
