/**
 * Errors of the disk rather than of DeepDrill: a full disk, a read-only folder or file, a disk
 * that fails to read or write. SQLite reports them with its result codes (better-sqlite3's
 * `SqliteError.code`, `SQLITE_FULL`, `SQLITE_READONLY_…`, `SQLITE_IOERR_…`, `SQLITE_CANTOPEN`),
 * Node's file functions with errno codes (`ENOSPC`, `EROFS`, `EACCES`, `EPERM`, `EIO`). Each gets
 * a message that says what happened and what to do; the app and the CLI show it instead of an
 * internal error. Whatever failed was rolled back: SQLite commits all or nothing.
 */

/** What the learner reads for a storage failure, or null when `error` is not one. */
export function storageProblem(error: unknown): string | null {
  if (typeof error !== 'object' || error === null) return null;
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return null;
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') {
    return 'The disk is full, so DeepDrill could not save this. Free some space and try again; nothing already saved was lost.';
  }
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS') {
    return 'DeepDrill’s data folder is read-only, so nothing can be saved. Make the folder writable (or move the database to one that is) and try again.';
  }
  if (
    code === 'EACCES' ||
    code === 'EPERM' ||
    code.startsWith('SQLITE_PERM') ||
    code.startsWith('SQLITE_AUTH')
  ) {
    return 'DeepDrill is not allowed to write to its data folder. Check the folder’s permissions and try again.';
  }
  if (code.startsWith('SQLITE_CANTOPEN')) {
    return 'DeepDrill cannot open its database file: the folder may be missing, read-only or on a disconnected drive.';
  }
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO') {
    return 'The disk reported an error while DeepDrill was reading or writing. Nothing was half-saved; check the drive and try again.';
  }
  return null;
}
