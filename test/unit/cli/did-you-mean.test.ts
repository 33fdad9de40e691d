// The "did you mean" of a usage mistake: the one near word, or no guess when two are as near.
import { describe, expect, it } from 'vitest';
import { closest } from '../../../main/cli/did-you-mean';

const COMMANDS = ['login', 'logout', 'sync', 'status', 'stats', 'history', 'activities', 'export', 'watch'];
const SYNC_OPTIONS = ['--full', '--restart', '--no-details', '--no-tracks', '--json', '--wait'];

describe('did you mean', () => {
  it('names the one near word', () => {
    expect(closest('stauts', COMMANDS)).toBe('status');
    expect(closest('--ful', SYNC_OPTIONS)).toBe('--full');
    expect(closest('--no-det', SYNC_OPTIONS)).toBe('--no-details');
  });

  it('makes no guess when two words are as near (st: status and stats; --no: details and tracks)', () => {
    expect(closest('st', COMMANDS)).toBeNull();
    expect(closest('--no', SYNC_OPTIONS)).toBeNull();
    expect(closest('log', COMMANDS)).toBeNull();
  });

  it('makes none for a word far from every one', () => {
    expect(closest('frobnicate', COMMANDS)).toBeNull();
  });
});
