import { describe, it } from 'vitest';
import { killHoldersAtRandomMoments } from '../integration/store/lock-kills';
import { useTempDirs } from '../support/temp-dirs';
import { recordSoakFigures } from './figures';

const KILLS = 300;

describe('soak: the data lock', () => {
  const freshDir = useTempDirs('splits-lock-soak-');

  it(`${KILLS} holders killed at random moments of taking or releasing the lock: none leaves the folder busy`, async () => {
    const figures = await killHoldersAtRandomMoments(await freshDir(), KILLS);
    await recordSoakFigures({
      id: 'data-lock-kills',
      title: 'The data lock, its holders killed',
      markdown: [
        '| Holders killed | Lock left behind (holder dead), taken over at once | Left with no lock |',
        '|---|---|---|',
        `| ${figures.kills} | ${figures.lockLeft} | ${figures.kills - figures.lockLeft} |`,
      ].join('\n'),
    });
  });
});
