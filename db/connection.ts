import Database from 'better-sqlite3';
import { migrate } from './migrations';

/** The file could not be opened as a DeepDrill database (not SQLite, unreadable, …). */
export class DatabaseOpenError extends Error {
  override name = 'DatabaseOpenError';
}

/** How to open the database. */
export interface OpenDatabaseOptions {
  /**
   * Path of the better-sqlite3 addon to load instead of the one in node_modules: the Electron
   * build ships its own (see README, "native module").
   */
  readonly nativeBinding?: string;
  /** Open without migrating or writing anything (doctor, export). */
  readonly readonly?: boolean;
}

/** An open database plus the file it came from. */
export type Db = Database.Database;

/**
 * Opens (creating if missing) and migrates a DeepDrill database: WAL journal, `synchronous =
 * FULL` (an acknowledged answer survives power loss), foreign keys on, a busy timeout.
 * A database from a newer version is refused before anything is written to it.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): Db {
  let db: Db;
  try {
    db = new Database(file, {
      readonly: options.readonly ?? false,
      fileMustExist: options.readonly ?? false,
      nativeBinding: options.nativeBinding,
    });
  } catch (error) {
    throw new DatabaseOpenError(`cannot open ${file}: ${(error as Error).message}`);
  }
  try {
    // Reading the header first: a non-database file fails here, before any write.
    db.pragma('user_version', { simple: true });
    if (!options.readonly) {
      migrate(db, file);
      db.pragma('journal_mode = WAL');
    }
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    return db;
  } catch (error) {
    db.close();
    if (error instanceof Error && /file is not a database|file is encrypted/i.test(error.message)) {
      throw new DatabaseOpenError(`${file} is not a DeepDrill database (${error.message})`);
    }
    throw error;
  }
}

/**
 * Runs `fn` in a transaction committed with `synchronous = NORMAL` instead of FULL: in WAL mode
 * the commit is atomic and survives an application crash (it is in the OS's cache), and becomes
 * durable against power loss at the next FULL commit or checkpoint. For writes whose loss on a
 * power cut costs nothing a learner made — starting a quiz — not for answers, which are always
 * committed with FULL.
 */
export function transactionWithoutFsync<T>(db: Db, fn: () => T): T {
  db.pragma('synchronous = NORMAL');
  try {
    return db.transaction(fn)();
  } finally {
    db.pragma('synchronous = FULL');
  }
}
