/** Words for the "Results to your institute" section and the header's pending indicator. */
import type { SyncErrorReason, SyncStatus } from '../../../electron/contract';
import { plural } from '../lib/format';

/** "Nothing waiting to be sent", "1 result waiting to be sent", "12 results waiting to be sent". */
export function pendingText(pending: number): string {
  return pending === 0
    ? 'Nothing waiting to be sent'
    : `${plural(pending, 'result')} waiting to be sent`;
}

/** The header's short form: null when nothing waits or nothing is configured. */
export function pendingBadge(status: SyncStatus | null): string | null {
  if (status === null || status.state === 'off' || status.pending === 0) return null;
  return `${status.pending} to send`;
}

/** Why the last attempt failed, in plain words, with what happens next. */
export function errorText(reason: SyncErrorReason): string {
  switch (reason) {
    case 'unreachable':
      return 'The results server could not be reached. Check that this computer is online; your results are kept and sent later.';
    case 'credentials':
      return 'The results server did not accept the user name or password. Your results are kept; check the sign-in details.';
    case 'server':
      return 'The results server had a problem of its own. Your results are kept and sent later.';
    case 'refused':
      return 'The results server refused the request. Check the address; your results are kept.';
    case 'rejected':
      return 'The results server refused some results as invalid. They are kept and tried again.';
    case 'settings':
      return 'The results could not be prepared for sending with these settings.';
    default:
      throw new Error(`unknown sync error ${String(reason satisfies never)}`);
  }
}

/** "3 Mar 2025, 09:05" in the learner's locale. */
export function when(ms: number): string {
  return new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** What the sync is doing now, in a sentence. */
export function stateText(status: SyncStatus, now: number): string {
  switch (status.state) {
    case 'off':
      return 'Not sending: no results server is set.';
    case 'sending':
      return 'Sending…';
    case 'idle':
      return status.pending === 0 ? 'Up to date.' : 'Sent automatically in the background.';
    case 'waiting': {
      if (status.nextAttemptAt === null) return 'Waiting to try again.';
      const seconds = Math.max(0, Math.round((status.nextAttemptAt - now) / 1000));
      const wait =
        seconds < 60 ? plural(seconds, 'second') : plural(Math.round(seconds / 60), 'minute');
      return `Trying again in ${wait}.`;
    }
    default:
      throw new Error(`unknown sync state ${String(status.state satisfies never)}`);
  }
}

/** The endpoint form's problem before sending it, or null (the service checks it again). */
export function endpointProblem(
  endpoint: string,
  username: string,
  password: string,
): string | null {
  const text = endpoint.trim();
  if (text === '') return 'Give the address, such as https://lrs.example.edu/xAPI.';
  if (!/^https?:\/\//i.test(text)) return 'The address must start with http:// or https://.';
  if (password !== '' && username.trim() === '') return 'A password needs a user name.';
  return null;
}
