import { transactionWithoutFsync, type Db } from './connection';

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

/** What one idle checkpoint did, in WAL pages (4 KiB frames). */
export interface IdleCheckpoint {
  /** Frames in the WAL before the checkpoint. */
  readonly walPages: number;
  /** Frames copied into the database file. */
  readonly checkpointed: number;
  /** True when the emptied WAL was rewound to its start (see {@link checkpointIdle}). */
  readonly rewound: boolean;
}

/**
 * One PASSIVE checkpoint (never waits for readers or writers): copies what it can of the WAL
 * into the database file.
 *
 * When that copied the whole WAL, the next write would restart the log from its first frame —
 * a new WAL header, written and synced inside that commit, which made the learner's next answer
 * (or quiz start) pay two fsyncs instead of one. So the rewind happens here, in idle time: a
 * one-frame write that changes nothing (`user_version` set to its own value), committed without
 * an fsync (losing it loses nothing). Later commits append to the rewound log. A WAL that holds
 * only that frame is left alone, so an idle app writes nothing.
 */
export function checkpointIdle(db: Db): IdleCheckpoint {
  const [row] = db.pragma('wal_checkpoint(PASSIVE)') as {
    busy: number;
    log: number;
    checkpointed: number;
  }[];
  const walPages = row?.log ?? 0;
  const checkpointed = row?.checkpointed ?? 0;
  const rewound = walPages > 1 && checkpointed === walPages;
  if (rewound) {
    transactionWithoutFsync(db, () => {
      const version = db.pragma('user_version', { simple: true }) as number;
      db.pragma(`user_version = ${version}`);
    });
  }
  return { walPages, checkpointed, rewound };
}
