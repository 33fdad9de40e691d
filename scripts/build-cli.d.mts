// Types of scripts/build-cli.mjs for the TypeScript that calls it (the vitest globalSetup and the benchmark).
export const CLI_BUNDLE: string;
export function buildCli(options?: { quiet?: boolean }): Promise<boolean>;
export function removeOldChunks(
  dir: string,
  current: Set<string>,
  options?: { keepMs?: number; now?: number },
): Promise<void>;
