import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../electron/contract';
import { endpointProblem, errorText, pendingBadge, pendingText, stateText } from './sync';

const base: SyncStatus = {
  endpoint: 'https://lrs.example.edu/xAPI',
  username: null,
  hasPassword: false,
  configuredBy: 'settings',
  pending: 0,
  lastSuccessAt: null,
  lastRun: null,
  lastError: null,
  nextAttemptAt: null,
  state: 'idle',
};

describe('sync words', () => {
  it('counts results waiting', () => {
    expect(pendingText(0)).toBe('Nothing waiting to be sent');
    expect(pendingText(1)).toBe('1 result waiting to be sent');
    expect(pendingText(12)).toBe('12 results waiting to be sent');
  });

  it('shows the header badge only when something waits for a configured server', () => {
    expect(pendingBadge(null)).toBeNull();
    expect(pendingBadge({ ...base, pending: 0 })).toBeNull();
    expect(pendingBadge({ ...base, pending: 4, state: 'off' })).toBeNull();
    expect(pendingBadge({ ...base, pending: 4, state: 'waiting' })).toBe('4 to send');
  });

  it('says when the next try is, in seconds then minutes', () => {
    const now = 1_000_000;
    const waiting = { ...base, state: 'waiting' as const };
    expect(stateText({ ...waiting, nextAttemptAt: now + 30_000 }, now)).toBe(
      'Trying again in 30 seconds.',
    );
    expect(stateText({ ...waiting, nextAttemptAt: now + 8 * 60_000 }, now)).toBe(
      'Trying again in 8 minutes.',
    );
    expect(stateText({ ...base, state: 'off' }, now)).toBe(
      'Not sending: no results server is set.',
    );
  });

  it('explains failures without jargon and says results are kept', () => {
    expect(errorText('unreachable')).toMatch(/could not be reached.*kept/);
    expect(errorText('credentials')).toMatch(/user name or password/);
    expect(errorText('unreachable')).not.toMatch(/ECONN|HTTP/);
  });

  it('checks the form before sending', () => {
    expect(endpointProblem('', '', '')).toMatch(/Give the address/);
    expect(endpointProblem('ftp://x', '', '')).toMatch(/http:\/\/ or https:\/\//);
    expect(endpointProblem('https://lrs.example.edu/xAPI', '', 'pw')).toBe(
      'A password needs a user name.',
    );
    expect(endpointProblem('https://lrs.example.edu/xAPI', 'me', 'pw')).toBeNull();
  });
});
