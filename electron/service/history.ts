/**
 * The full history of finished quizzes (the dashboard lists only the newest few): a page at a
 * time, filtered by topic and mode, each row with the topics it asked about so the page can
 * open its review.
 */
import {
  countFinishedSessions,
  listFinishedSessions,
  listSessionTopics,
  type HistoryFilter,
} from '../../db/queries/history';
import type { AppApi, HistoryEntry } from '../contract';
import type { ServiceDeps } from './deps';
import { openSessionsAfterExpiry } from './quiz/lifecycle';

export function historyUseCases(deps: ServiceDeps): Pick<AppApi, 'listFinishedQuizzes'> {
  return {
    async listFinishedQuizzes({ topic, mode, limit, offset }) {
      // An exam whose time ran out while nobody looked is finished, so it is listed.
      openSessionsAfterExpiry(deps);
      const filter: HistoryFilter = { topicId: topic ?? null, mode: mode ?? null };
      const sessions = listFinishedSessions(deps.db, deps.learnerId, filter, { limit, offset });
      const topics = new Map<number, HistoryEntry['topics'][number][]>();
      for (const t of listSessionTopics(
        deps.db,
        sessions.map((s) => s.id),
      )) {
        const list = topics.get(t.sessionId) ?? [];
        list.push({ topicId: t.topicId, title: t.title });
        topics.set(t.sessionId, list);
      }
      const items: HistoryEntry[] = sessions.map((s) => ({
        sessionId: s.id,
        title: s.title,
        mode: s.mode,
        status: 'finished',
        createdAt: s.createdAt,
        finishedAt: s.finishedAt,
        finishReason: s.finishReason,
        questionCount: s.itemCount,
        answeredCount: s.answeredCount,
        score: s.score,
        topics: topics.get(s.id) ?? [],
      }));
      return { total: countFinishedSessions(deps.db, deps.learnerId, filter), items };
    },
  };
}
