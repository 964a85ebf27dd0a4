import { reviewSchedule as scheduleOfReviews } from '../../core/mastery';
import { latestSchemaVersion } from '../../db/migrations';
import type { AppApi } from '../contract';
import { bankUseCases } from './bank';
import { bankExportUseCases } from './bank-export';
import { backupUseCases } from './backups';
import { courseUseCases } from './course';
import type { ServiceDeps } from './deps';
import { historyUseCases } from './history';
import { withCurrentProfile } from './profiles-current';
import { profileUseCases } from './profiles';
import { quizUseCases } from './quiz';
import { resultsUseCases } from './results';
import { getSettings, updateSettings } from './settings';
import { resultsSyncOf, syncUseCases } from './sync';

export type { ServiceDeps, Clock } from './deps';
export { openLockdown, systemClock, randomSeed } from './deps';
export { ServiceError } from './errors';
export { planRecommendedAhead, sweepExpiredQuizzes } from './quiz';
export { ResultsSync, type InstituteLrs, type SyncTiming } from './sync';
export { CurrentProfile, followProfile } from './profiles-current';
export { restoreCurrentProfile } from './profiles';

/**
 * The application behind every transport (IPC, browser mode, CLI, tests): one object
 * implementing `AppApi` over a database and a clock. Typed as `AppApi`, so a method added to the
 * contract without a use case fails to compile.
 */
export function createService(given: ServiceDeps): AppApi {
  // Every use case reads `deps.learnerId` at call time: a switch of profile reaches them all.
  const deps = withCurrentProfile(given);
  const countQuestions = deps.db.prepare<[], number>(
    'SELECT count(*) FROM questions WHERE retired = 0',
  );
  const settingsLocked = deps.lockdown.fixedMsqRule;
  const reviewSchedule = scheduleOfReviews();
  const sync = resultsSyncOf(deps);
  const quiz = quizUseCases(deps);
  const service: AppApi = {
    async getAppInfo() {
      return {
        version: deps.version,
        mode: deps.mode,
        dbPath: deps.dbPath,
        schemaVersion: latestSchemaVersion,
        questionCount: countQuestions.pluck().get() ?? 0,
        productName: deps.productName,
        lockdown: deps.lockdown,
        courseTitle: deps.course?.title ?? null,
        reviewSchedule,
      };
    },
    async getSettings() {
      const settings = getSettings(deps.db);
      return settingsLocked ? { ...settings, defaultMsqRule: settingsLocked } : settings;
    },
    async updateSettings(patch) {
      const settings = updateSettings(deps.db, patch);
      return settingsLocked ? { ...settings, defaultMsqRule: settingsLocked } : settings;
    },
    ...quiz,
    // A finished quiz's results go to the learning record store soon after (when one is set).
    async finishQuiz(input) {
      const review = await quiz.finishQuiz(input);
      sync.quizFinished();
      return review;
    },
    ...historyUseCases(deps),
    ...bankUseCases(deps),
    ...bankExportUseCases(deps),
    ...backupUseCases(deps),
    ...resultsUseCases(deps),
    ...courseUseCases(deps),
    ...syncUseCases(sync),
    ...profileUseCases(deps),
  };
  return service;
}
