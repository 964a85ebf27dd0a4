import { BackupError, backupNow, listBackups, restoreBackup } from '../../db/backup';
import type { AppApi } from '../contract';
import type { ServiceDeps } from './deps';
import { ServiceError } from './errors';

/** Backup now, list, restore — over the live connection, so nothing needs a restart. */
export function backupUseCases(
  deps: ServiceDeps,
): Pick<AppApi, 'backupNow' | 'listBackups' | 'restoreBackup'> {
  const dir = (): string => {
    if (deps.backupDir === undefined)
      throw new ServiceError('forbidden', 'Backups are not available here.');
    return deps.backupDir;
  };
  const asServiceError = (error: unknown): never => {
    if (error instanceof BackupError) throw new ServiceError('conflict', error.message);
    throw error;
  };
  return {
    async backupNow() {
      return backupNow(deps.db, dir(), deps.clock.now(), 'manual').catch(asServiceError);
    },
    async listBackups() {
      return listBackups(dir());
    },
    async restoreBackup({ name }) {
      const backup = listBackups(dir()).find((b) => b.name === name);
      if (!backup) throw new ServiceError('not-found', `There is no backup named ${name}.`);
      await restoreBackup(deps.db, deps.dbPath, dir(), name, deps.clock.now()).catch(
        asServiceError,
      );
      return backup;
    },
  };
}
