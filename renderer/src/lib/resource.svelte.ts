import { errorCode, errorMessage } from './errors';

/**
 * Something loaded from the API, with its loading and error states, reloadable (the "Try again"
 * of every error). Late answers of superseded loads are dropped.
 */
export class Resource<T> {
  value = $state.raw<T | undefined>(undefined);
  error = $state<string | null>(null);
  /** The API error code of `error` (`exam-running` offers a way back to the exam). */
  errorCode = $state<string | null>(null);
  loading = $state(true);
  #generation = 0;
  readonly #load: () => Promise<T>;

  constructor(load: () => Promise<T>) {
    this.#load = load;
    void this.reload();
  }

  async reload(): Promise<void> {
    const generation = ++this.#generation;
    this.loading = true;
    this.error = null;
    this.errorCode = null;
    try {
      const value = await this.#load();
      if (generation !== this.#generation) return;
      this.value = value;
    } catch (error) {
      if (generation !== this.#generation) return;
      this.error = errorMessage(error);
      this.errorCode = errorCode(error);
    } finally {
      if (generation === this.#generation) this.loading = false;
    }
  }

  /** Replaces the value without a round trip (after an action returned the new state). */
  set(value: T): void {
    this.#generation++;
    this.value = value;
    this.error = null;
    this.errorCode = null;
    this.loading = false;
  }
}
