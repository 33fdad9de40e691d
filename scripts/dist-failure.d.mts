// Types of scripts/dist-failure.mjs for its test.
export function failureLine(output: string): string | null;
export function distFailureWords(output: string, env?: NodeJS.ProcessEnv): string | null;
