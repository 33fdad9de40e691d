#!/usr/bin/env node
// The headless CLI, run from its TypeScript source so that it works right after `npm install`, with no build step.
import { register } from 'tsx/esm/api';

register();
await import('../main/cli.ts');
