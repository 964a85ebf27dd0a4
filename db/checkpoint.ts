import type { Db } from './connection';

/**
 * WAL checkpoints off the answer path. By default SQLite checkpoints inside whichever commit
 * pushes the WAL past 1000 pages, so about one answer in ninety paid for copying the whole WAL
 * into the database and an extra fsync (the p99 of "submit answer"). The app instead raises the
 * automatic threshold to a safety bound and checkpoints from an idle timer between a learner's
 * actions; see `electron/bootstrap.ts`.
 */

/** WAL pages (4 KiB each) after which SQLite still checkpoints by itself: about 40 MB. */
export const walSafetyBoundPages = 10_000;

/** Moves routine checkpoints out of commits: only the safety bound triggers one in-line. */
export function deferCheckpoints(db: Db, boundPages = walSafetyBoundPages): void {
  db.pragma(`wal_autocheckpoint = ${Math.max(1, Math.floor(boundPages))}`);
}

/**
 * One PASSIVE checkpoint (never waits for readers or writers): copies what it can of the WAL
 * into the database file. Returns the WAL size and pages copied, in pages.
 */
export function checkpointIdle(db: Db): { walPages: number; checkpointed: number } {
  const [row] = db.pragma('wal_checkpoint(PASSIVE)') as {
    busy: number;
    log: number;
    checkpointed: number;
  }[];
  return { walPages: row?.log ?? 0, checkpointed: row?.checkpointed ?? 0 };
}
