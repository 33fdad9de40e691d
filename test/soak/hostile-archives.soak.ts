import { describe, it } from 'vitest';
import { filesPastTheBound, rowsPastTheBound } from '../integration/archive/count-bounds';
import { useWorld } from '../support/splits';
import { useTempDirs } from '../support/temp-dirs';

// The real bound on activities, 200,000 (the import's default), one past its edge; `npm test` proves the same with a
// small bound given to the import (test/integration/archive/hostile-archives.test.ts).
describe('soak: the real bound on activities in an archive', () => {
  const world = useWorld();
  const temp = useTempDirs('splits-hostile-archive-soak-');

  it('an activities.csv of 200,001 rows is refused in words, before the data folder is taken; one of 200,000 is read', async () => {
    await rowsPastTheBound(world, await temp());
  });

  it('a zip of 200,001 activity files is refused, one of 200,000 read; photos beside the activities are passed over', async () => {
    await filesPastTheBound(world, await temp());
  });
});
