import { BackupError, backupNow, listBackups, restoreBackup } from '../../db/backup';
import { bumpDataEpoch } from '../../db/data-epoch';
import { listProfiles } from '../../db/queries/profiles';
import {
  getSession,
  listFinishedExamIds,
  listItems,
  saveItemResponse,
  type QuizItemRecord,
  type QuizSessionRecord,
} from '../../db/queries/quiz';
import type { AppApi } from '../contract';
import type { ServiceDeps } from './deps';
import { ServiceError } from './errors';
import { restoreCurrentProfile } from './profiles';
import { finishInTransaction, requireNoRunningExam } from './quiz/lifecycle';

/** A finished exam as it was before a restore: enough to finish it again the same way. */
interface SealedExam {
  readonly session: QuizSessionRecord;
  readonly items: readonly QuizItemRecord[];
}

function sealFinishedExams(deps: ServiceDeps): SealedExam[] {
  return listFinishedExamIds(deps.db).map((id) => ({
    session: getSession(deps.db, id)!,
    items: listItems(deps.db, id),
  }));
}

/**
 * A finished exam stays finished whatever is restored: where the restored data has the same
 * exam still open, its answers are put back as they were handed in and it is finished again
 * through the one finishing path, so it gets the same score and cannot be retaken.
 */
function reapplySealedExams(deps: ServiceDeps, sealed: readonly SealedExam[]): void {
  for (const { session, items } of sealed) {
    const restored = getSession(deps.db, session.id);
    if (
      restored === undefined ||
      restored.mode !== 'exam' ||
      restored.createdAt !== session.createdAt ||
      restored.status === 'finished'
    )
      continue;
    deps.db.transaction(() => {
      const now = new Map(listItems(deps.db, session.id).map((i) => [i.position, i]));
      for (const item of items) {
        const current = now.get(item.position);
        if (current === undefined || current.attemptId !== null) continue;
        saveItemResponse(deps.db, session.id, item.position, item.response, item.savedAt ?? 0);
      }
      finishInTransaction(
        deps,
        session.id,
        session.finishReason ?? 'submitted',
        session.finishedAt ?? deps.clock.now(),
      );
    })();
  }
}

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
      requireNoRunningExam(deps, 'Backups cannot be restored');
      const backup = listBackups(dir()).find((b) => b.name === name);
      if (!backup) throw new ServiceError('not-found', `There is no backup named ${name}.`);
      const sealed = sealFinishedExams(deps);
      await restoreBackup(deps.db, deps.dbPath, dir(), name, deps.clock.now()).catch(
        asServiceError,
      );
      // Questions may now differ under the same ids and versions: no cached one is served.
      bumpDataEpoch(deps.db);
      reapplySealedExams(deps, sealed);
      // A profile made after the backup is not in the restored file: "Who's studying?" again.
      const profile = deps.profile;
      if (profile !== undefined && !listProfiles(deps.db).some((p) => p.id === profile.id)) {
        profile.lock(restoreCurrentProfile(deps.db, deps.clock.now()).id);
      }
      return backup;
    },
  };
}
