// Summarizes a .cpuprofile (node --cpu-prof): self time by file (node_modules by package) and by function.
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, files = '15', functions = '25'] = process.argv.slice(2);
if (!file) throw new Error('usage: profile-summary.ts <file.cpuprofile> [files] [functions]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const byFunction = new Map<string, number>();
const byFile = new Map<string, number>();
let total = 0;
const short = (url: string) => url.replace(/^.*?\/(node_modules|main|test)\//, '$1/');
const packageOf = (path: string) => path.replace(/^(node_modules\/(@[^/]+\/)?[^/]+).*/, '$1');
profile.samples.forEach((id, i) => {
  const ms = (profile.timeDeltas[i] ?? 0) / 1000;
  const { functionName, url, lineNumber } = nodes.get(id)!.callFrame;
  total += ms;
  const where = short(url) || '(native)';
  byFunction.set(
    `${functionName || '(anonymous)'} ${where}:${lineNumber + 1}`,
    (byFunction.get(`${functionName || '(anonymous)'} ${where}:${lineNumber + 1}`) ?? 0) + ms,
  );
  byFile.set(packageOf(where), (byFile.get(packageOf(where)) ?? 0) + ms);
});
const top = (m: Map<string, number>, n: number) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `${v.toFixed(0).padStart(7)} ms ${((v / total) * 100).toFixed(1).padStart(5)}%  ${k}`)
    .join('\n');
process.stdout.write(
  `total ${total.toFixed(0)} ms\n\nby file\n${top(byFile, Number(files))}\n\nby function\n${top(byFunction, Number(functions))}\n`,
);
