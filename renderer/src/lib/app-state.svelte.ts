import { createContext } from 'svelte';
import type { AppApi, AppInfo, QuizReview, QuizState, Settings } from '../../../electron/contract';
import { resolveTheme } from './theme';

/** The screens of the app. Routing is state, so the `#token=` of browser mode stays untouched. */
export type Route =
  | { readonly name: 'dashboard' }
  | { readonly name: 'practice'; readonly topics?: readonly string[] }
  | { readonly name: 'quiz'; readonly sessionId: number; readonly state?: QuizState }
  | { readonly name: 'review'; readonly sessionId: number; readonly review?: QuizReview }
  | { readonly name: 'bank' }
  | { readonly name: 'settings' };

export type NavSection = 'dashboard' | 'practice' | 'bank' | 'settings';

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
      return route.name;
    default:
      throw new Error(`unknown route ${JSON.stringify(route satisfies never)}`);
  }
}

/** State every screen shares: the API, the current screen, app info and settings, the theme. */
export class AppState {
  readonly api: AppApi;
  route = $state.raw<Route>({ name: 'dashboard' });
  info = $state.raw<AppInfo | null>(null);
  settings = $state.raw<Settings | null>(null);
  systemPrefersDark = $state(false);
  /** Bumped on every navigation so the shell can move focus to the new screen's heading. */
  navigations = $state(0);
  readonly theme = $derived(resolveTheme(this.settings?.theme ?? 'system', this.systemPrefersDark));
  readonly productName = $derived(this.info?.productName ?? 'DeepDrill');

  constructor(api: AppApi) {
    this.api = api;
  }

  navigate(route: Route): void {
    this.route = route;
    this.navigations++;
  }

  /** Opens a quiz the API just returned (started, resumed, or a similar one). */
  openQuiz(state: QuizState): void {
    this.navigate({ name: 'quiz', sessionId: state.sessionId, state });
  }

  async updateSettings(patch: Partial<Settings>): Promise<Settings> {
    const settings = await this.api.updateSettings(patch);
    this.settings = settings;
    return settings;
  }
}

const [getAppState, setAppState] = createContext<AppState>();
export { getAppState, setAppState };
