import { SvelteSet } from 'svelte/reactivity';
import { parseNumericAnswer } from '../../../core/grading';
import type {
  AppApi,
  LearnerResponse,
  QuizItemView,
  QuizReview,
  QuizState,
} from '../../../electron/contract';
import { errorCode, errorMessage, problemOf, type Problem } from '../lib/errors';
import { clockOffset } from './countdown';
import {
  isAnswered,
  isTyped,
  optionLetter,
  pickOption,
  sameResponse,
  typedResponse,
} from './responses';
import { creditText, shiftAfterInsert, tryAgainNote, type PartRefusal } from './tutor';

type Pending =
  'mark' | 'check' | 'similar' | 'again' | 'hint' | 'part' | 'pause' | 'resume' | 'finish';

/** How long typing may pause before the text is saved as a draft. */
export const DRAFT_DELAY_MS = 600;

export interface SessionEvents {
  /** The quiz is over (submitted or expired): show its review. */
  finished(sessionId: number, review: QuizReview | null): void;
  /** "Try a similar one" opened another session. */
  switched(state: QuizState): void;
}

/** Why the text typed into a numeric field cannot be graded as a number, or null when it can. */
export function numericProblem(text: string): string | null {
  const parsed = parseNumericAnswer(text);
  return Array.isArray(parsed) ? null : parsed.error;
}

/** Where the answer of one question stands, as the learner is told. */
export type SaveState = 'saved' | 'saving' | 'failed' | 'empty';

/**
 * One quiz being taken: the state from the main process, what the learner entered, the current
 * question, and every action on them. Answers save themselves: a pick at once, typed text after
 * a short pause in typing (and when the field loses focus, the learner moves on or leaves), so
 * what was last entered is what counts — also at submit and when an exam's time runs out.
 * Calls go out one at a time, in order, so a later answer is never overwritten by an earlier one.
 */
export class QuizSession {
  quiz = $state.raw<QuizState>(null!);
  position = $state(0);
  /** What the learner entered that the main process does not have yet, by position. */
  drafts = $state.raw<Readonly<Record<number, LearnerResponse>>>({});
  /** Positions whose last save failed; they are saved again on retry, move, submit or expiry. */
  readonly failed = new SvelteSet<number>();
  /** Why the last save failed (shown with a retry while `failed` is not empty). */
  saveError = $state<string | null>(null);
  pending = $state<Pending | null>(null);
  /** A failed action other than saving (with its code: `exam-running` offers the way back). */
  problem = $state<Problem | null>(null);
  /** Polite status line for screen readers ("Option B selected."). */
  status = $state('');
  /** The numeric field's "Enter a number.", shown once the learner tries to check nothing. */
  showNumericProblem = $state(false);
  /** Why a check refused the typed text (wrong count of numbers…), shown at the field. */
  #refusal = $state<{ position: number; text: string; message: string } | null>(null);
  /**
   * Text typed into step-by-step fields and not checked yet, by position and part id. (Parts
   * are kept by the main process when checked; what is typed before stays while the quiz is open.)
   */
  partDrafts = $state.raw<Readonly<Record<number, Readonly<Record<string, string>>>>>({});
  /** Part entries a check refused (wrong count of numbers…), by position and part id. */
  partRefusals = $state.raw<Readonly<Record<number, Readonly<Record<string, PartRefusal>>>>>({});
  /** The part being checked now. */
  checkingPart = $state<string | null>(null);
  /** Main-process clock minus page clock, renewed with every state received. */
  offsetMs = $state(0);
  #ended = $state(false);
  /** Left by navigation: late answers update nothing on screen any more. */
  #left = false;
  /** Near the end of an exam every keystroke is saved at once. */
  #urgent = false;
  // Timers are not shown (a pending draft is already in `unsaved`): no reactive map needed.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #timers = new Map<number, ReturnType<typeof setTimeout>>();
  #queue: Promise<unknown> = Promise.resolve();
  readonly #api: AppApi;
  readonly #events: SessionEvents;

  readonly item: QuizItemView = $derived(this.quiz.items[this.position]);
  /** Positions whose entered answer differs from the saved one (saving now, soon, or failed). */
  readonly unsaved: ReadonlySet<number> = $derived(
    // Rebuilt as a whole by $derived, never mutated: no reactive set needed.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    new Set(
      Object.entries(this.drafts)
        .filter(([pos, draft]) => !sameResponse(draft, this.quiz.items[Number(pos)]?.response))
        .map(([pos]) => Number(pos)),
    ),
  );
  /** The items with what the learner entered in place of what was saved (for the palette). */
  readonly shownItems: readonly QuizItemView[] = $derived(
    this.quiz.items.map((item) =>
      this.drafts[item.position] === undefined
        ? item
        : { ...item, response: this.drafts[item.position] },
    ),
  );
  readonly response: LearnerResponse | null = $derived(this.responseAt(this.position));
  /** What is wrong with the typed number (it is saved as typed, but cannot be marked right). */
  readonly numericError: string | null = $derived.by(() => {
    if (this.item?.kind !== 'numeric' || this.item.feedback) return null;
    const text = this.response?.kind === 'numeric' ? this.response.text : '';
    if (text.trim() === '') return this.showNumericProblem ? 'Enter a number.' : null;
    const refusal = this.#refusal;
    if (refusal && refusal.position === this.position && refusal.text === text) {
      return refusal.message;
    }
    const problem = numericProblem(text);
    return problem === null ? null : `${problem} As typed, it cannot be marked right.`;
  });
  readonly saveState: SaveState = $derived.by(() => {
    if (this.failed.has(this.position)) return 'failed';
    if (this.unsaved.has(this.position)) return 'saving';
    return isAnswered(this.item?.response) ? 'saved' : 'empty';
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

  /** The response shown for a question: what was entered if not saved yet, else what was saved. */
  responseAt(position: number): LearnerResponse | null {
    return this.drafts[position] ?? this.quiz.items[position]?.response ?? null;
  }

  get ended(): boolean {
    return this.#ended;
  }

  apply(quiz: QuizState): void {
    if (this.#left) return;
    this.quiz = quiz;
    this.offsetMs = clockOffset(quiz.serverNow, Date.now());
    if (quiz.status === 'finished') this.#finishWith(null);
  }

  #setDraft(response: LearnerResponse): boolean {
    // While a check is on its way, the answer being graded stays as it was sent.
    if (this.locked || this.pending === 'check') return false;
    this.drafts = { ...this.drafts, [this.position]: response };
    this.problem = null;
    return true;
  }

  /** Picks (MCQ) or toggles (MSQ) option `index` of the current question, and saves it. */
  pick(index: number, announce = false): void {
    const option = this.item.options[index];
    if (!option || this.locked) return;
    const next = pickOption(this.item, this.response, option.id);
    if (!this.#setDraft(next)) return;
    void this.#save(this.position);
    if (announce) {
      const on = next.kind === 'choice' && next.optionIds.includes(option.id);
      this.status = `Option ${optionLetter(index)} ${on ? 'selected' : 'cleared'}.`;
    }
  }

  /** Typed text: saved after a pause in typing (at once in an exam's last seconds). */
  setText(text: string): void {
    if (!this.#setDraft(typedResponse(this.item.kind, text))) return;
    if (this.showNumericProblem && text.trim() !== '') this.showNumericProblem = false;
    const position = this.position;
    this.#cancelTimer(position);
    if (this.#urgent) {
      void this.#save(position);
      return;
    }
    this.#timers.set(
      position,
      setTimeout(() => void this.#save(position), DRAFT_DELAY_MS),
    );
  }

  /** The field lost focus: save what was typed now. */
  commitText(): void {
    if (this.unsaved.has(this.position)) void this.#save(this.position);
  }

  /** Saves everything entered and not saved yet (failed saves included). True when all stuck. */
  async flush(): Promise<boolean> {
    const positions = [...this.unsaved, ...this.#timers.keys()];
    const unique = positions.filter((p, i) => positions.indexOf(p) === i);
    const results = await Promise.all(unique.map((p) => this.#save(p)));
    return results.every(Boolean);
  }

  /** Enter: save the current answer now and say so. */
  async saveNow(): Promise<void> {
    const position = this.position;
    if (!(await this.flush())) return;
    if (position !== this.position || this.#ended) return;
    this.status = isAnswered(this.quiz.items[position]?.response)
      ? `Answer to question ${position + 1} saved.`
      : `Question ${position + 1} has no answer yet.`;
  }

  /** "Try again" after a failed save. */
  async retrySaving(): Promise<void> {
    if (await this.flush()) this.status = 'Your answers are saved.';
  }

  /** An exam's last seconds: save everything now, and every keystroke from here on. */
  hurry(): void {
    this.#urgent = true;
    void this.flush();
  }

  /** Leaving the quiz screen: what was entered is saved; nothing on screen changes any more. */
  leave(): Promise<boolean> {
    const saving = this.flush();
    this.#left = true;
    return saving;
  }

  /** Removes the answer of the current question (an empty response clears it). */
  async clear(): Promise<void> {
    if (this.locked) return;
    const empty: LearnerResponse = isTyped(this.item.kind)
      ? typedResponse(this.item.kind, '')
      : { kind: 'choice', optionIds: [] };
    this.showNumericProblem = false;
    const position = this.position;
    if (!this.#setDraft(empty)) return;
    if (await this.#save(position)) this.status = `Answer to question ${position + 1} cleared.`;
  }

  /** Moves to another question; what was entered here is saved on the way. */
  async goTo(position: number): Promise<void> {
    if (position < 0 || position >= this.quiz.items.length || this.#ended) return;
    if (this.unsaved.has(this.position) || this.#timers.has(this.position)) {
      void this.#save(this.position);
    }
    this.position = position;
    this.showNumericProblem = false;
    this.problem = null;
    if (this.quiz.status !== 'active') return;
    await this.#run(null, async () => {
      const state = await this.#serial(() =>
        this.#api.goTo({ sessionId: this.quiz.sessionId, position }),
      );
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
        await this.#serial(() =>
          this.#api.markForReview({ sessionId: this.quiz.sessionId, position, marked }),
        ),
      );
      this.status = marked
        ? `Question ${position + 1} marked for review.`
        : `Question ${position + 1} no longer marked.`;
    });
  }

  /** Practice: grade the current answer now (saved and graded in one call) and show the solution. */
  async check(): Promise<void> {
    if (this.quiz.mode !== 'practice' || this.locked) return;
    const position = this.position;
    const response = this.responseAt(position);
    if (!response || !isAnswered(response)) {
      this.showNumericProblem = this.item.kind === 'numeric';
      this.problem =
        this.item.kind === 'numeric'
          ? null
          : {
              message:
                this.item.kind === 'short'
                  ? 'Type an answer before checking it.'
                  : 'Choose an answer before checking it.',
              code: null,
            };
      return;
    }
    if (response.kind === 'numeric' && numericProblem(response.text) !== null) {
      this.problem = {
        message: 'Fix the number before checking it: as typed, it cannot be marked right.',
        code: null,
      };
      return;
    }
    this.#cancelTimer(position);
    const checked = await this.#run('check', async () => {
      const state = await this.#serial(() =>
        this.#api.submitAnswer({ sessionId: this.quiz.sessionId, position, response }),
      );
      this.#saved(position, response);
      this.apply(state);
      const feedback = this.quiz.items[position]?.feedback;
      if (!feedback) return;
      this.status =
        feedback.outcome === 'correct'
          ? 'Correct.'
          : feedback.outcome === 'partial'
            ? `Partly correct: score ${Math.round(feedback.score * 100) / 100} of 1. The solution is shown.`
            : 'Not correct. The solution is shown.';
    });
    if (checked) return;
    // A number the check refused (three values asked, one typed) is told at the field.
    if (this.problem?.code === 'invalid-input' && response.kind === 'numeric') {
      this.#refusal = { position, text: response.text, message: this.problem.message };
      this.problem = null;
    }
    // Not checked: the answer is still the learner's, and saved like any other.
    void this.#save(position);
  }

  /** What is in the field of step-by-step part `partId` of the current question. */
  partText(partId: string): string {
    return (
      this.partDrafts[this.position]?.[partId] ??
      this.item.tutor?.parts.find((p) => p.id === partId)?.response ??
      ''
    );
  }

  /** Typing into a step-by-step field (kept on the page until the part is checked). */
  setPartText(partId: string, text: string): void {
    const position = this.position;
    this.partDrafts = {
      ...this.partDrafts,
      [position]: { ...this.partDrafts[position], [partId]: text },
    };
  }

  /** A part's refused entry (shown at its field), or undefined. */
  partRefusal(partId: string): PartRefusal | undefined {
    return this.partRefusals[this.position]?.[partId];
  }

  #setPartRefusal(position: number, partId: string, refusal: PartRefusal | undefined): void {
    const { [partId]: _old, ...others } = this.partRefusals[position] ?? {};
    this.partRefusals = {
      ...this.partRefusals,
      [position]: refusal === undefined ? others : { ...others, [partId]: refusal },
    };
  }

  /**
   * Practice: checks one step-by-step part at once. An entry that cannot be checked (not a
   * number, a wrong count) is told at its field and counts for nothing.
   */
  async checkPart(partId: string): Promise<void> {
    const item = this.item;
    const parts = item.tutor?.parts ?? [];
    const index = parts.findIndex((p) => p.id === partId);
    if (index < 0 || this.locked || this.pending !== null) return;
    const position = this.position;
    const text = this.partText(partId);
    const local = text.trim() === '' ? 'Enter a number.' : numericProblem(text);
    if (local !== null) {
      this.#setPartRefusal(position, partId, { text, message: local });
      this.status = `Part ${index + 1}: ${local}`;
      return;
    }
    this.checkingPart = partId;
    const checked = await this.#run('part', async () => {
      const state = await this.#serial(() =>
        this.#api.checkPart({ sessionId: this.quiz.sessionId, position, partId, text }),
      );
      this.#setPartRefusal(position, partId, undefined);
      this.apply(state);
      const part = this.quiz.items[position]?.tutor?.parts.find((p) => p.id === partId);
      this.status = part?.correct
        ? `Part ${index + 1} is right: ${part.correctValue ?? text}.`
        : `Part ${index + 1} is not right yet.${part?.hint ? ' A hint is shown under it.' : ''}`;
    });
    this.checkingPart = null;
    if (!checked && this.problem?.code === 'invalid-input') {
      this.#setPartRefusal(position, partId, { text, message: this.problem.message });
      this.status = `Part ${index + 1}: ${this.problem.message}`;
      this.problem = null;
    }
  }

  /** Practice: reveals the next rung of the hint ladder (each lowers what the answer counts). */
  async revealHint(): Promise<boolean> {
    const tutor = this.item.tutor;
    if (!tutor || tutor.hintsLeft <= 0 || this.locked || this.pending !== null) return false;
    const position = this.position;
    return this.#run('hint', async () => {
      const state = await this.#serial(() =>
        this.#api.revealHint({ sessionId: this.quiz.sessionId, position }),
      );
      this.apply(state);
      const now = this.quiz.items[position]?.tutor;
      if (!now) return;
      const total = now.hints.length + now.hintsLeft;
      this.status =
        `Hint ${now.hints.length} of ${total} shown. ` +
        `This answer now counts ${creditText(now.creditPercent)} toward your mastery.`;
    });
  }

  /** Practice, after a check that was not right: the same variant again, as the next question. */
  async tryAgain(position = this.position): Promise<boolean> {
    await this.flush();
    return this.#run('again', async () => {
      const state = await this.#serial(() =>
        this.#api.tryAgain({ sessionId: this.quiz.sessionId, position }),
      );
      this.#inserted(position);
      this.apply(state);
      this.position = Math.min(state.currentPosition, state.items.length - 1);
      this.status = `Question ${this.position + 1}: the same question again. ${tryAgainNote(this.item.fromTemplate)}`;
    });
  }

  /** A fresh variant of a template question. */
  async trySimilar(position = this.position): Promise<void> {
    await this.flush();
    await this.#run('similar', async () => {
      const state = await this.#serial(() =>
        this.#api.trySimilar({ sessionId: this.quiz.sessionId, position }),
      );
      if (state.sessionId !== this.quiz.sessionId) {
        this.#events.switched(state);
        return;
      }
      this.#inserted(position);
      this.apply(state);
      this.position = Math.min(state.currentPosition, state.items.length - 1);
      this.status = `Question ${this.position + 1}: a similar question.`;
    });
  }

  /** A question was inserted after `position`: what was entered later moves down with its question. */
  #inserted(position: number): void {
    this.drafts = shiftAfterInsert(this.drafts, position);
    this.partDrafts = shiftAfterInsert(this.partDrafts, position);
    this.partRefusals = shiftAfterInsert(this.partRefusals, position);
    const failed = [...this.failed];
    this.failed.clear();
    for (const pos of failed) this.failed.add(pos > position ? pos + 1 : pos);
  }

  async pause(): Promise<void> {
    // A paused quiz takes no answers: save first.
    await this.flush();
    await this.#run('pause', async () => {
      this.apply(await this.#serial(() => this.#api.pauseQuiz({ sessionId: this.quiz.sessionId })));
      this.status = 'Quiz paused.';
    });
  }

  async resume(): Promise<void> {
    await this.#run('resume', async () => {
      this.apply(
        await this.#serial(() => this.#api.resumeQuiz({ sessionId: this.quiz.sessionId })),
      );
      this.status = 'Quiz resumed.';
    });
  }

  /**
   * Hands the quiz in with everything entered. Returns false when it was not handed in (an
   * answer could not be saved: the learner is told and can retry).
   */
  async submit(): Promise<boolean> {
    if (this.#ended) return false;
    this.pending = 'finish';
    if (!(await this.flush())) {
      this.pending = null;
      return false;
    }
    return this.#run('finish', async () => {
      const review = await this.#serial(() =>
        this.#api.finishQuiz({ sessionId: this.quiz.sessionId }),
      );
      this.#finishWith(review);
    });
  }

  /**
   * Time ran out: what was entered is saved first (the main process still takes answers until
   * its own deadline), then the exam is finished (the main process finishes it too).
   */
  async expire(): Promise<void> {
    if (this.#ended) return;
    this.#ended = true;
    this.status = 'Time is up. Your answers are being submitted.';
    await this.flush();
    let review: QuizReview | null = null;
    try {
      review = await this.#serial(() => this.#api.finishQuiz({ sessionId: this.quiz.sessionId }));
    } catch {
      // Already finished by the main process (deadline-passed): the review loads it.
    }
    if (!this.#left) this.#events.finished(this.quiz.sessionId, review);
  }

  /** Sends the answer entered at `position`, if it differs from the saved one. */
  #save(position: number): Promise<boolean> {
    this.#cancelTimer(position);
    return this.#serial(async () => {
      // Read at send time: the latest entry goes, once, however many saves were asked for.
      const draft = this.drafts[position];
      if (draft === undefined || !this.unsaved.has(position)) {
        this.#saved(position, draft);
        return true;
      }
      try {
        const state = await this.#api.saveAnswer({
          sessionId: this.quiz.sessionId,
          position,
          response: draft,
        });
        this.#saved(position, draft);
        this.apply(state);
        return true;
      } catch (error) {
        if (errorCode(error) === 'deadline-passed') {
          void this.expire();
        } else if (!this.#left) {
          this.failed.add(position);
          this.saveError = errorMessage(error);
        }
        return false;
      }
    });
  }

  /** `response` is now saved at `position`: forget the draft unless it changed meanwhile. */
  #saved(position: number, response: LearnerResponse | undefined): void {
    if (this.drafts[position] !== undefined && this.drafts[position] === response) {
      const { [position]: _saved, ...rest } = this.drafts;
      this.drafts = rest;
    }
    if (this.failed.delete(position) && this.failed.size === 0) this.saveError = null;
  }

  #cancelTimer(position: number): void {
    const timer = this.#timers.get(position);
    if (timer !== undefined) clearTimeout(timer);
    this.#timers.delete(position);
  }

  /** Runs `task` after every call sent before it has been answered. */
  #serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  #finishWith(review: QuizReview | null): void {
    if (this.#ended) return;
    this.#ended = true;
    // Let the current call return before the screen changes.
    queueMicrotask(() => {
      if (!this.#left) this.#events.finished(this.quiz.sessionId, review);
    });
  }

  async #run(kind: Pending | null, action: () => Promise<void>): Promise<boolean> {
    if (kind) this.pending = kind;
    this.problem = null;
    try {
      await action();
      return true;
    } catch (error) {
      if (errorCode(error) === 'deadline-passed') {
        void this.expire();
      } else if (!this.#left) {
        this.problem = problemOf(error);
      }
      return false;
    } finally {
      if (kind && this.pending === kind) this.pending = null;
    }
  }
}
