// What is left for an athlete, in the words the status bar and the tray both use (common/work-left-words.ts).
import { describe, expect, it } from 'vitest';
import { workLeftParts, workLeftWords, type WorkLeftFacts } from '../../common/work-left-words';

const at = (ms: number) => `T${ms}`;
const nothing: WorkLeftFacts = {
  name: 'Grace',
  fullScan: null,
  scanDue: false,
  stoppedAtLimit: false,
  detailsLeft: 0,
  tracksLeft: 0,
  deletionsToConfirm: 0,
  continuesAt: null,
};

describe('workLeftWords', () => {
  it('says the scan, the deletions still to confirm and the details, and when they continue', () => {
    expect(workLeftWords({ ...nothing, fullScan: { page: 40, ofAbout: 60 }, continuesAt: 5 }, at)).toBe(
      'Grace: full scan at page 40 of about 60, continues at T5',
    );
    expect(workLeftWords({ ...nothing, deletionsToConfirm: 3, detailsLeft: 1 }, at)).toBe(
      'Grace: 3 deletions to confirm with Strava, 1 activity detail to fetch, continues when you press Sync now',
    );
    expect(workLeftWords({ ...nothing, detailsLeft: 940 }, at)).toBe(
      'Grace: activities up to date, 940 activity details to fetch, continues when you press Sync now',
    );
    expect(workLeftWords({ ...nothing, deletionsToConfirm: 1, scanDue: true, continuesAt: 9 }, at)).toBe(
      'Grace: full scan due, 1 deletion to confirm with Strava, continues at T9',
    );
  });

  it('says the tracks still to fetch with the details, the backfill that fetches both, and that they continue', () => {
    expect(workLeftWords({ ...nothing, detailsLeft: 940, tracksLeft: 1_200, continuesAt: 5 }, at)).toBe(
      'Grace: activities up to date, 940 activity details and 1,200 tracks to fetch, continues at T5',
    );
    expect(workLeftWords({ ...nothing, tracksLeft: 1 }, at)).toBe(
      'Grace: activities up to date, 1 track to fetch, continues when you press Sync now',
    );
    expect(workLeftWords({ ...nothing, scanDue: true, tracksLeft: 2, continuesAt: 5 }, at)).toBe(
      'Grace: full scan due, 2 tracks to fetch, continues at T5',
    );
  });

  it('says what is left briefly too, for a short line, the tracks still said', () => {
    expect(workLeftParts({ ...nothing, detailsLeft: 412, tracksLeft: 1_407, continuesAt: 5 }, at)).toEqual({
      what: 'activities up to date, 412 activity details and 1,407 tracks to fetch',
      brief: 'up to date, 412 details and 1,407 tracks to fetch',
      when: 'continues at T5',
    });
    expect(workLeftParts({ ...nothing, scanDue: true, detailsLeft: 1 }, at).brief).toBe(
      'full scan due, 1 detail to fetch',
    );
  });

  it('says a scan that is only due starts, since nothing of it has begun', () => {
    expect(workLeftWords({ ...nothing, scanDue: true, continuesAt: 5 }, at)).toBe('Grace: full scan due, starts at T5');
    expect(workLeftWords({ ...nothing, scanDue: true }, at)).toBe(
      'Grace: full scan due, starts when you press Sync now',
    );
    // Details under way with it: those continue.
    expect(workLeftWords({ ...nothing, scanDue: true, detailsLeft: 2, continuesAt: 5 }, at)).toBe(
      'Grace: full scan due, 2 activity details to fetch, continues at T5',
    );
  });
});
