/**
 * Starting a quiz while others are still open. The service refuses (`open-quiz`) until the
 * learner says what happens to them; this asks, then retries with the answer. Used by every
 * start: practice setup, the dashboard's recommended and due-review quizzes, and "try a similar
 * one" from a finished quiz's review.
 */
import type { OpenQuizChoice, QuizState, QuizSummary } from '../../../electron/contract';
import { errorCode } from './errors';
import { plural } from './format';

/** What the learner decided in the open-quiz dialog. */
export type OpenQuizDecision =
  | { readonly kind: 'resume'; readonly sessionId: number }
  | { readonly kind: OpenQuizChoice }
  | { readonly kind: 'cancel' };

/** What the dialog shows: the quizzes in the way (running exam first) and the service's words. */
export interface OpenQuizPrompt {
  readonly quizzes: readonly QuizSummary[];
  readonly message: string;
}

export type StartOutcome =
  | { readonly kind: 'started'; readonly state: QuizState }
  | { readonly kind: 'resume'; readonly sessionId: number }
  | { readonly kind: 'cancelled' };

/**
 * Runs `start`; when open quizzes are in the way, asks what to do with them and runs it again
 * with that choice. Other errors (and errors of the retry) reject as they are.
 */
export async function startPastOpenQuizzes(
  start: (openQuizzes?: OpenQuizChoice) => Promise<QuizState>,
  listOpen: () => Promise<readonly QuizSummary[]>,
  ask: (prompt: OpenQuizPrompt) => Promise<OpenQuizDecision>,
): Promise<StartOutcome> {
  let message: string;
  try {
    return { kind: 'started', state: await start() };
  } catch (error) {
    if (errorCode(error) !== 'open-quiz') throw error;
    message = (error as Error).message;
  }
  const quizzes = await listOpen();
  // Finished meanwhile (an exam ran out): nothing is in the way any more.
  if (quizzes.length === 0) return { kind: 'started', state: await start() };
  const decision = await ask({ quizzes, message });
  switch (decision.kind) {
    case 'cancel':
      return { kind: 'cancelled' };
    case 'resume':
      return { kind: 'resume', sessionId: decision.sessionId };
    case 'finish':
    case 'discard':
      return { kind: 'started', state: await start(decision.kind) };
    default:
      throw new Error(`unknown decision ${JSON.stringify(decision satisfies never)}`);
  }
}

/** A running exam can be finished, never thrown away. */
export function canDiscard(quizzes: readonly QuizSummary[]): boolean {
  return quizzes.every((q) => q.mode === 'practice');
}

/** "Practice quiz" / "Exam", and whether it is paused. */
export function quizKind(quiz: Pick<QuizSummary, 'mode' | 'status'>): string {
  const kind = quiz.mode === 'exam' ? 'Exam, running' : 'Practice quiz';
  return quiz.status === 'paused' ? `${kind}, paused` : kind;
}

/** "3 of 10 questions answered" */
export function progressText(quiz: Pick<QuizSummary, 'answeredCount' | 'questionCount'>): string {
  return `${quiz.answeredCount} of ${plural(quiz.questionCount, 'question')} answered`;
}

/** The labels of the dialog's buttons, for one open quiz or several. */
export function decisionLabels(quizzes: readonly QuizSummary[]): {
  readonly title: string;
  readonly resume: string;
  readonly finish: string;
  readonly discard: string;
  readonly finishHint: string;
  readonly discardHint: string;
} {
  const many = quizzes.length > 1;
  const exam = quizzes.some((q) => q.mode === 'exam');
  const it = many ? 'them' : 'it';
  return {
    title: exam
      ? 'An exam is still running'
      : many
        ? `${quizzes.length} quizzes are not finished`
        : 'A quiz is not finished',
    resume: exam ? 'Resume the exam' : 'Resume it',
    finish: exam && !many ? 'Submit the exam and start' : `Finish ${it} and start`,
    discard: `Discard ${it} and start`,
    finishHint: exam
      ? `The exam is handed in now with the answers you entered${many ? ', the other quizzes are graded as they are' : ''}; then the new quiz starts.`
      : `The answers you entered are graded and kept in your history; then the new quiz starts.`,
    discardHint: `${many ? 'They are' : 'It is'} thrown away: nothing in ${it} is graded or kept.`,
  };
}
