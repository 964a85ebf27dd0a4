import { parseNumericAnswer } from '../../../core/grading';
import type {
  AppApi,
  LearnerResponse,
  QuizItemView,
  QuizReview,
  QuizState,
} from '../../../electron/contract';
import { errorCode, errorMessage } from '../lib/errors';
import { clockOffset } from './countdown';
import { isAnswered, optionLetter, pickOption, sameResponse } from './responses';

type Pending = 'save' | 'mark' | 'check' | 'similar' | 'pause' | 'resume' | 'finish';

export interface SessionEvents {
  /** The quiz is over (submitted or expired): show its review. */
  finished(sessionId: number, review: QuizReview | null): void;
  /** "Try a similar one" opened another session. */
  switched(state: QuizState): void;
}

/** Why the text typed into a numeric field cannot be saved, or null when it can. */
export function numericProblem(text: string): string | null {
  const parsed = parseNumericAnswer(text);
  return Array.isArray(parsed) ? null : parsed.error;
}

/**
 * One quiz being taken: the state from the main process, the learner's unsaved drafts, the
 * current question, and every action on them. Saved answers live in the main process; drafts
 * only here until saved (moving to another question saves them).
 */
export class QuizSession {
  quiz = $state.raw<QuizState>(null!);
  position = $state(0);
  drafts = $state.raw<Readonly<Record<number, LearnerResponse>>>({});
  pending = $state<Pending | null>(null);
  error = $state<string | null>(null);
  /** Polite status line for screen readers ("Answer saved."). */
  status = $state('');
  /** The numeric field's problem, shown once the learner tries to save. */
  showNumericProblem = $state(false);
  /** Main-process clock minus page clock, renewed with every state received. */
  offsetMs = $state(0);
  #ended = $state(false);
  readonly #api: AppApi;
  readonly #events: SessionEvents;

  readonly item: QuizItemView = $derived(this.quiz.items[this.position]);
  readonly unsaved: ReadonlySet<number> = $derived(
    // Rebuilt as a whole by $derived, never mutated: no reactive set needed.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    new Set(
      Object.entries(this.drafts)
        .filter(([pos, draft]) => !sameResponse(draft, this.quiz.items[Number(pos)]?.response))
        .map(([pos]) => Number(pos)),
    ),
  );
  readonly response: LearnerResponse | null = $derived(this.responseAt(this.position));
  /** What is wrong with the typed number: live once something is typed, or after a failed save. */
  readonly numericError: string | null = $derived.by(() => {
    if (this.item?.kind !== 'numeric') return null;
    const text = this.response?.kind === 'numeric' ? this.response.text : '';
    if (text.trim() === '') return this.showNumericProblem ? 'Enter a number.' : null;
    return numericProblem(text);
  });
  readonly locked: boolean = $derived(
    this.quiz.status !== 'active' || this.item?.feedback != null || this.#ended,
  );

  constructor(api: AppApi, quiz: QuizState, events: SessionEvents) {
    this.#api = api;
    this.#events = events;
    this.apply(quiz);
    this.position = Math.min(Math.max(0, quiz.currentPosition), Math.max(0, quiz.items.length - 1));
  }

  /** The response shown for a question: the draft if any, else what was saved. */
  responseAt(position: number): LearnerResponse | null {
    return this.drafts[position] ?? this.quiz.items[position]?.response ?? null;
  }

  get ended(): boolean {
    return this.#ended;
  }

  apply(quiz: QuizState): void {
    this.quiz = quiz;
    this.offsetMs = clockOffset(quiz.serverNow, Date.now());
    if (quiz.status === 'finished') this.#finishWith(null);
  }

  setDraft(response: LearnerResponse): void {
    if (this.locked) return;
    this.drafts = { ...this.drafts, [this.position]: response };
    this.error = null;
  }

  /** Picks (MCQ) or toggles (MSQ) option `index` of the current question. */
  pick(index: number, announce = false): void {
    const option = this.item.options[index];
    if (!option || this.locked) return;
    const next = pickOption(this.item, this.response, option.id);
    this.setDraft(next);
    if (announce) {
      const on = next.kind === 'choice' && next.optionIds.includes(option.id);
      this.status = `Option ${optionLetter(index)} ${on ? 'selected' : 'cleared'}.`;
    }
  }

  setText(text: string): void {
    this.setDraft({ kind: 'numeric', text });
  }

  /** Saves the current draft. Returns false when there was nothing valid to save. */
  async save(position = this.position): Promise<boolean> {
    if (this.#ended) return false;
    const item = this.quiz.items[position];
    const response = this.responseAt(position);
    if (!item || item.feedback) return false;
    if (!isAnswered(response)) {
      if (position === this.position) {
        this.showNumericProblem = item.kind === 'numeric';
        this.status = '';
        this.error = item.kind === 'numeric' ? null : 'Choose an answer before saving.';
      }
      return false;
    }
    if (response!.kind === 'numeric' && numericProblem(response!.text) !== null) {
      if (position === this.position) this.showNumericProblem = true;
      return false;
    }
    if (!this.unsaved.has(position)) {
      if (position === this.position) this.status = `Answer to question ${position + 1} is saved.`;
      return true;
    }
    return this.#run('save', async () => {
      const state = await this.#api.saveAnswer({
        sessionId: this.quiz.sessionId,
        position,
        response: response!,
      });
      const { [position]: _saved, ...rest } = this.drafts;
      this.drafts = rest;
      this.apply(state);
      this.status = `Answer to question ${position + 1} saved.`;
    });
  }

  /** Removes the saved answer of the current question (an empty response clears it). */
  async clear(): Promise<void> {
    if (this.locked) return;
    const position = this.position;
    const empty: LearnerResponse =
      this.item.kind === 'numeric'
        ? { kind: 'numeric', text: '' }
        : { kind: 'choice', optionIds: [] };
    const { [position]: _dropped, ...rest } = this.drafts;
    this.drafts = rest;
    this.showNumericProblem = false;
    if (!this.item.response) return;
    await this.#run('save', async () => {
      this.apply(
        await this.#api.saveAnswer({ sessionId: this.quiz.sessionId, position, response: empty }),
      );
      this.status = `Answer to question ${position + 1} cleared.`;
    });
  }

  /** Moves to another question, saving a changed answer first. */
  async goTo(position: number): Promise<void> {
    if (position < 0 || position >= this.quiz.items.length || this.#ended) return;
    if (this.unsaved.has(this.position) && this.quiz.status === 'active') {
      const current = this.responseAt(this.position);
      const valid =
        current?.kind !== 'numeric' ||
        (isAnswered(current) && numericProblem(current.text) === null);
      if (valid && isAnswered(current)) await this.save(this.position);
    }
    this.position = position;
    this.showNumericProblem = false;
    this.error = null;
    if (this.quiz.status !== 'active') return;
    await this.#run(null, async () => {
      const state = await this.#api.goTo({ sessionId: this.quiz.sessionId, position });
      this.apply(state);
    });
  }

  next(): Promise<void> {
    return this.goTo(this.position + 1);
  }

  previous(): Promise<void> {
    return this.goTo(this.position - 1);
  }

  async toggleMark(): Promise<void> {
    if (this.quiz.status !== 'active' || this.#ended) return;
    const marked = !this.item.marked;
    const position = this.position;
    await this.#run('mark', async () => {
      this.apply(
        await this.#api.markForReview({ sessionId: this.quiz.sessionId, position, marked }),
      );
      this.status = marked
        ? `Question ${position + 1} marked for review.`
        : `Question ${position + 1} no longer marked.`;
    });
  }

  /** Practice: grade the current answer now and show the worked solution. */
  async check(): Promise<void> {
    if (this.quiz.mode !== 'practice' || this.locked) return;
    const saved = await this.save();
    if (!saved) return;
    const position = this.position;
    await this.#run('check', async () => {
      this.apply(await this.#api.checkAnswer({ sessionId: this.quiz.sessionId, position }));
      const feedback = this.quiz.items[position]?.feedback;
      if (feedback)
        this.status = feedback.correct ? 'Correct.' : 'Not correct. The solution is shown.';
    });
  }

  /** A fresh variant of a template question. */
  async trySimilar(position = this.position): Promise<void> {
    await this.#run('similar', async () => {
      const state = await this.#api.trySimilar({ sessionId: this.quiz.sessionId, position });
      if (state.sessionId !== this.quiz.sessionId) {
        this.#events.switched(state);
        return;
      }
      // The new question is inserted after this one: later drafts move down by one.
      const shifted: Record<number, LearnerResponse> = {};
      for (const [pos, draft] of Object.entries(this.drafts)) {
        shifted[Number(pos) > position ? Number(pos) + 1 : Number(pos)] = draft;
      }
      this.drafts = shifted;
      this.apply(state);
      this.position = Math.min(state.currentPosition, state.items.length - 1);
      this.status = `Question ${this.position + 1}: a similar question.`;
    });
  }

  async pause(): Promise<void> {
    await this.#run('pause', async () => {
      this.apply(await this.#api.pauseQuiz({ sessionId: this.quiz.sessionId }));
      this.status = 'Quiz paused.';
    });
  }

  async resume(): Promise<void> {
    await this.#run('resume', async () => {
      this.apply(await this.#api.resumeQuiz({ sessionId: this.quiz.sessionId }));
      this.status = 'Quiz resumed.';
    });
  }

  /** Hands the quiz in (saving changed answers first). */
  async submit(): Promise<void> {
    if (this.#ended) return;
    for (const position of [...this.unsaved]) await this.save(position);
    await this.#run('finish', async () => {
      const review = await this.#api.finishQuiz({ sessionId: this.quiz.sessionId });
      this.#finishWith(review);
    });
  }

  /** Time ran out: the main process finishes it too; only saved answers count. */
  async expire(): Promise<void> {
    if (this.#ended) return;
    this.#ended = true;
    this.status = 'Time is up. Your saved answers have been submitted.';
    let review: QuizReview | null = null;
    try {
      review = await this.#api.finishQuiz({ sessionId: this.quiz.sessionId });
    } catch {
      // Already finished by the main process (deadline-passed): the review loads it.
    }
    this.#events.finished(this.quiz.sessionId, review);
  }

  #finishWith(review: QuizReview | null): void {
    if (this.#ended) return;
    this.#ended = true;
    // Let the current call return before the screen changes.
    queueMicrotask(() => this.#events.finished(this.quiz.sessionId, review));
  }

  async #run(kind: Pending | null, action: () => Promise<void>): Promise<boolean> {
    if (kind) this.pending = kind;
    this.error = null;
    try {
      await action();
      return true;
    } catch (error) {
      if (errorCode(error) === 'deadline-passed') {
        void this.expire();
      } else {
        this.error = errorMessage(error);
      }
      return false;
    } finally {
      if (kind && this.pending === kind) this.pending = null;
    }
  }
}
