import type { ServiceDeps } from './deps';
import { ServiceError } from './errors';

/**
 * Who is studying: the one mutable part of {@link ServiceDeps}. Every use case reads
 * `deps.learnerId` when it runs, and that is this holder's learner, so a switch of profile
 * reaches every use case without touching them. While locked (nobody chosen yet), reading the
 * learner refuses the call with `locked`: no learner's data leaves the service until the
 * picker has chosen someone (with their PIN when they have one).
 */
export class CurrentProfile {
  #id: number;
  #locked: boolean;

  constructor(id: number, locked: boolean) {
    this.#id = id;
    this.#locked = locked;
  }

  /** The current profile's id, locked or not (for the profile use cases themselves). */
  get id(): number {
    return this.#id;
  }

  get locked(): boolean {
    return this.#locked;
  }

  /** The learner every other use case works for; refused while locked. */
  get learnerId(): number {
    if (this.#locked) {
      throw new ServiceError('locked', "Choose who's studying first.");
    }
    return this.#id;
  }

  choose(id: number): void {
    this.#id = id;
    this.#locked = false;
  }

  /** Back to the picker; `id` stays the one to offer first. */
  lock(id = this.#id): void {
    this.#id = id;
    this.#locked = true;
  }
}

/**
 * `base` with `profile` as its current learner: `learnerId` becomes a getter over the holder.
 * The app builds its deps this way (bootstrap); {@link withCurrentProfile} does it for deps
 * given with a plain `learnerId` (CLI, tests), fixed on that learner until switched.
 */
export function followProfile(
  base: Omit<ServiceDeps, 'learnerId' | 'profile'>,
  profile: CurrentProfile,
): ServiceDeps {
  const deps = { ...base, profile } as Omit<ServiceDeps, 'learnerId'>;
  return Object.defineProperty(deps, 'learnerId', {
    get: () => profile.learnerId,
    enumerable: true,
  }) as ServiceDeps;
}

/** Deps whose learner can be switched: `deps` itself when it has a holder, else one made. */
export function withCurrentProfile(deps: ServiceDeps): ServiceDeps {
  return deps.profile !== undefined
    ? deps
    : followProfile(deps, new CurrentProfile(deps.learnerId, false));
}
