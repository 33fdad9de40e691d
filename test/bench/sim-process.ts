// The simulator in a child process (sim-child.ts), for the first-sync figures: in the benchmark's own process the
// server's work and the client's share one thread, so no client can do its own work while Strava prepares the next
// answer, as it can against Strava, which runs on other machines. The three clients meet the same child, the same
// seed and the same data; only where the server runs changes (docs/benchmarks.md).
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TokenSet } from '../strava-sim/tokens';
import type { SimEndpoint } from './world';

export type SimProcessAsk = { kind: 'grant'; athleteId: number } | { kind: 'stop' };
export type SimProcessAnswer =
  | { kind: 'started'; apiUrl: string; oauthUrl: string; clientId: string; clientSecret: string }
  | { kind: 'granted'; tokens: TokenSet };

export interface SimProcess extends SimEndpoint {
  grantTokens: (athleteId: number) => Promise<TokenSet>;
  stop: () => Promise<void>;
}

const childScript = fileURLToPath(new URL('./sim-child.ts', import.meta.url));

/** A simulator seeded with `activities` for athlete 1001 in a process of its own, started and answering. */
export async function startSimProcess(activities: number): Promise<SimProcess> {
  const child = fork(childScript, [String(activities)], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  const started = await nextAnswer(child);
  if (started.kind !== 'started') throw new Error('the simulator process did not start');
  // One question at a time: each answer is the one to the question before it.
  let asking: Promise<unknown> = Promise.resolve();
  const grantTokens = (athleteId: number): Promise<TokenSet> => {
    const answer = asking.then(async () => {
      child.send({ kind: 'grant', athleteId } satisfies SimProcessAsk);
      const granted = await nextAnswer(child);
      if (granted.kind !== 'granted') throw new Error('the simulator process answered out of turn');
      return granted.tokens;
    });
    asking = answer.catch(() => undefined);
    return answer;
  };
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.send({ kind: 'stop' } satisfies SimProcessAsk);
    await exited;
  };
  const { apiUrl, oauthUrl, clientId, clientSecret } = started;
  return { apiUrl, oauthUrl, clientId, clientSecret, grantTokens, stop };
}

function nextAnswer(child: ChildProcess): Promise<SimProcessAnswer> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`the simulator process ended (${code})`));
    child.once('exit', onExit);
    child.once('message', (answer: SimProcessAnswer) => {
      child.off('exit', onExit);
      resolve(answer);
    });
  });
}
