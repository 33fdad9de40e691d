// A real process caught halfway through writing one export file, for the tests of what a killed export leaves:
//   <folder> <name>   writes the first chunk of <name> through writeExportFile, prints "writing", and waits to be killed
import { writeExportFile } from '../../main/export/atomic-export-file';

const [folder, name] = process.argv.slice(2);

async function* halfAFile(): AsyncGenerator<string> {
  yield 'the first half of a file';
  // The chunk above is on disk before the writer asks for this one.
  process.stdout.write('writing\n');
  await new Promise(() => setInterval(() => undefined, 60_000));
}

await writeExportFile(folder!, name!, halfAFile());
