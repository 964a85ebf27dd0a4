/**
 * A per-connection counter of wholesale data changes (a bank import, a restore). Caches of
 * derived data (resolved questions) include it in their keys, so nothing cached before such a
 * change is served after it, even where question ids and versions were reused.
 */
import type { Db } from './connection';

const epochs = new WeakMap<Db, number>();

/** The connection's current epoch (0 until the first change). */
export function dataEpoch(db: Db): number {
  return epochs.get(db) ?? 0;
}

/** Call after anything that may have replaced questions under the same ids. */
export function bumpDataEpoch(db: Db): void {
  epochs.set(db, dataEpoch(db) + 1);
}

const dataVersions = new WeakMap<Db, { get(): unknown }>();

/**
 * Changes with the epoch and with every commit of another connection (the import worker, a
 * second process: SQLite's `PRAGMA data_version`): the key of anything derived from the banks.
 */
export function dataChangeKey(db: Db): string {
  let statement = dataVersions.get(db);
  if (statement === undefined) {
    statement = db.prepare('PRAGMA data_version').pluck();
    dataVersions.set(db, statement);
  }
  return `${dataEpoch(db)}/${String(statement.get())}`;
}
