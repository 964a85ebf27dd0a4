import { createContext } from 'svelte';
import type {
  AppApi,
  AppInfo,
  OpenQuizChoice,
  QuizReview,
  QuizState,
  Settings,
} from '../../../electron/contract';
import type { HelpSection } from '../help/help';
import {
  startPastOpenQuizzes,
  type OpenQuizDecision,
  type OpenQuizPrompt,
  type StartOutcome,
} from './open-quizzes';
import { resolveTheme } from './theme';

/** The screens of the app. Routing is state, so the `#token=` of browser mode stays untouched. */
export type Route =
  | { readonly name: 'dashboard' }
  | { readonly name: 'practice'; readonly topics?: readonly string[] }
  | { readonly name: 'quiz'; readonly sessionId: number; readonly state?: QuizState }
  | { readonly name: 'review'; readonly sessionId: number; readonly review?: QuizReview }
  | { readonly name: 'bank' }
  | { readonly name: 'settings' }
  | { readonly name: 'history' }
  /** The institute's course: weekly assignments and the course standing. */
  | { readonly name: 'assignments' }
  /** "How DeepDrill works", scrolled to `section` when given. */
  | { readonly name: 'help'; readonly section?: HelpSection };

export type NavSection =
  'dashboard' | 'practice' | 'history' | 'bank' | 'settings' | 'help' | 'assignments';

/** Which main navigation entry a route belongs to. */
export function sectionOf(route: Route): NavSection {
  switch (route.name) {
    case 'quiz':
    case 'review':
    case 'practice':
      return 'practice';
    case 'dashboard':
    case 'bank':
    case 'settings':
    case 'history':
    case 'help':
    case 'assignments':
      return route.name;
    default:
      throw new Error(`unknown route ${JSON.stringify(route satisfies never)}`);
  }
}

const screenNames: Record<Route['name'], string> = {
  dashboard: 'Dashboard',
  practice: 'Practice',
  quiz: 'Quiz',
  review: 'Review',
  bank: 'Question bank',
  settings: 'Settings',
  history: 'Quiz history',
  help: 'How DeepDrill works',
  assignments: 'Assignments',
};

/** The window title for a screen: "Practice — DeepDrill", so windows and history tell apart. */
export function pageTitle(route: Route, productName: string): string {
  return `${screenNames[route.name]} — ${productName}`;
}

/** State every screen shares: the API, the current screen, app info and settings, the theme. */
export class AppState {
  readonly api: AppApi;
  route = $state.raw<Route>({ name: 'dashboard' });
  info = $state.raw<AppInfo | null>(null);
  settings = $state.raw<Settings | null>(null);
  systemPrefersDark = $state(false);
  /** The learner asked for the dashboard tour again (from the help screen). */
  tourRequested = $state(false);
  /** Bumped on every navigation so the shell can move focus to the new screen's heading. */
  navigations = $state(0);
  readonly theme = $derived(resolveTheme(this.settings?.theme ?? 'system', this.systemPrefersDark));
  readonly productName = $derived(this.info?.productName ?? 'DeepDrill');
  /** The open-quiz question being asked (shown by the shell's dialog), with its answer. */
  openQuizPrompt = $state.raw<{
    readonly prompt: OpenQuizPrompt;
    readonly answer: (decision: OpenQuizDecision) => void;
  } | null>(null);

  /** Saves still on their way from a screen that was left (see {@link afterSaves}). */
  #saves: Promise<unknown> = Promise.resolve();

  constructor(api: AppApi) {
    this.api = api;
  }

  navigate(route: Route): void {
    this.route = route;
    this.navigations++;
  }

  /** Keeps `saving` (answers sent as a quiz screen is left) for {@link afterSaves}. */
  settle(saving: Promise<unknown>): void {
    this.#saves = Promise.all([this.#saves, saving.catch(() => undefined)]);
  }

  /**
   * Runs `load` once the answers sent by a screen just left have arrived, so the next screen
   * (dashboard, quiz, review) shows them. The next screen asks as it is created, which Svelte
   * does before it tears the old one down (when the old screen hands over its saves): so this
   * waits for the rest of that update first, and for saves handed over while it waited.
   */
  async afterSaves<T>(load: () => Promise<T>): Promise<T> {
    await Promise.resolve();
    let saves: Promise<unknown>;
    do {
      saves = this.#saves;
      await saves;
    } while (saves !== this.#saves);
    return load();
  }

  /** Opens a quiz the API just returned (started, resumed, or a similar one). */
  openQuiz(state: QuizState): void {
    this.navigate({ name: 'quiz', sessionId: state.sessionId, state });
  }

  /**
   * Starts a quiz with `start` (called again with the learner's choice when open quizzes are in
   * the way) and opens it, or the quiz the learner chose to resume. Rejects with the API error
   * when it cannot start; resolves to what happened.
   */
  async startQuiz(
    start: (openQuizzes?: OpenQuizChoice) => Promise<QuizState>,
  ): Promise<StartOutcome['kind']> {
    // Finishing an open quiz grades what it holds: its last answers first.
    await this.#saves;
    const outcome = await startPastOpenQuizzes(
      start,
      () => this.api.listOpenQuizzes(),
      (prompt) =>
        new Promise<OpenQuizDecision>((resolve) => {
          this.openQuizPrompt = {
            prompt,
            answer: (decision) => {
              this.openQuizPrompt = null;
              resolve(decision);
            },
          };
        }),
    );
    if (outcome.kind === 'started') this.openQuiz(outcome.state);
    if (outcome.kind === 'resume') this.navigate({ name: 'quiz', sessionId: outcome.sessionId });
    return outcome.kind;
  }

  /** Back to the running exam (after another screen was refused while it runs). */
  async returnToExam(): Promise<void> {
    const open = await this.api.getOpenQuiz().catch(() => null);
    if (open && open.mode === 'exam' && open.status === 'active') this.openQuiz(open);
    else this.navigate({ name: 'dashboard' });
  }

  /** Whether the dashboard shows its tour: on first run, and when asked for again. */
  get tourOpen(): boolean {
    return this.tourRequested || this.settings?.tourSeen === false;
  }

  /** Opens the dashboard with its tour (from the help screen). */
  showTour(): void {
    this.tourRequested = true;
    this.navigate({ name: 'dashboard' });
  }

  /** Ends the tour (finished or skipped) and remembers it was seen, so it does not come back. */
  async closeTour(): Promise<void> {
    this.tourRequested = false;
    if (this.settings?.tourSeen === false) {
      // Hidden at once; the setting follows (if saving fails, the next start offers it again).
      this.settings = { ...this.settings, tourSeen: true };
      await this.updateSettings({ tourSeen: true });
    }
  }

  async updateSettings(patch: Partial<Settings>): Promise<Settings> {
    const settings = await this.api.updateSettings(patch);
    this.settings = settings;
    return settings;
  }
}

const [getAppState, setAppState] = createContext<AppState>();
export { getAppState, setAppState };
