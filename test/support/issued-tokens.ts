import type { StravaSimulator } from '../strava-sim';

/**
 * Every token and sign-in code the simulator issues from now on (a refresh rotates both tokens), so none can hide
 * behind a rotation: what a scan for secrets (in a log, a result, a file) looks for.
 */
export function recordIssuedTokens(sim: StravaSimulator): string[] {
  const issued: string[] = [];
  const issue = sim.tokens.issue.bind(sim.tokens);
  sim.tokens.issue = (grant) => {
    const t = issue(grant);
    issued.push(t.access_token, t.refresh_token);
    return t;
  };
  const issueCode = sim.tokens.issueCode.bind(sim.tokens);
  sim.tokens.issueCode = (grant) => {
    const code = issueCode(grant);
    issued.push(code);
    return code;
  };
  return issued;
}
