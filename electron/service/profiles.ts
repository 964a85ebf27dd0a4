/**
 * Learner profiles on one install (shared lab PCs): list, create, switch, rename, set or clear a
 * PIN, delete, lock. The current profile lives in a {@link CurrentProfile} holder that every use
 * case reads through `deps.learnerId`; it is kept in the settings table and restored at start,
 * locked (the page shows "Who's studying?") when there are two or more profiles or it has a PIN.
 */
import { getSetting, setSetting } from '../../db/queries/settings';
import {
  countProfiles,
  deleteProfile,
  getProfile,
  getProfilePin,
  insertProfile,
  listProfiles,
  renameProfile,
  setPinFailures,
  setProfilePin,
  touchProfile,
  type ProfileRecord,
} from '../../db/queries/profiles';
import { hashPin, pinMatches } from '../../db/queries/profiles-pin';
import { listOpenSessions } from '../../db/queries/quiz';
import type { Db } from '../../db/connection';
import type { AppApi, ProfilesState } from '../contract';
import type { ServiceDeps } from './deps';
import { ServiceError } from './errors';
import { CurrentProfile } from './profiles-current';
import { sweepExpiredQuizzes } from './quiz/lifecycle';

/** The settings key holding the current profile's id. */
const CURRENT_PROFILE_KEY = 'currentProfile';
/** Wrong PINs in a row before PIN entry for that profile waits {@link PIN_WAIT_MS}. */
export const MAX_WRONG_PINS = 5;
export const PIN_WAIT_MS = 30_000;
const NAME_MAX = 40;
/** The first profile of a new install. */
const FIRST_PROFILE_NAME = 'Learner';

/**
 * The profile to start with: the one stored as current (else the most recently used), locked
 * when there are two or more profiles or it has a PIN. A new install gets its first profile.
 */
export function restoreCurrentProfile(db: Db, now: number): CurrentProfile {
  const profiles = listProfiles(db);
  if (profiles.length === 0) {
    const id = insertProfile(db, { name: FIRST_PROFILE_NAME, pin: null, now });
    touchProfile(db, id, now);
    return new CurrentProfile(id, false);
  }
  const stored = Number(getSetting(db, CURRENT_PROFILE_KEY));
  const current = profiles.find((p) => p.id === stored) ?? profiles[0];
  return new CurrentProfile(current.id, profiles.length > 1 || current.hasPin);
}

/** A name as typed, trimmed; 1–40 characters and unlike every other profile's, ignoring case. */
function checkName(db: Db, typed: string, exceptId?: number): string {
  const name = typed.trim().replace(/\s+/g, ' ');
  if (name === '') throw new ServiceError('invalid-input', 'Give the profile a name.');
  if ([...name].length > NAME_MAX) {
    throw new ServiceError(
      'invalid-input',
      `A profile name is at most ${NAME_MAX} characters; "${name.slice(0, 20)}…" has ${[...name].length}.`,
    );
  }
  const folded = name.toLocaleLowerCase();
  const taken = listProfiles(db).find(
    (p) => p.id !== exceptId && p.name.toLocaleLowerCase() === folded,
  );
  if (taken !== undefined) {
    throw new ServiceError('conflict', `There is already a profile called "${taken.name}".`);
  }
  return name;
}

/** A new PIN: 4 to 12 digits. */
function checkNewPin(pin: string): string {
  if (!/^[0-9]{4,12}$/.test(pin)) {
    throw new ServiceError('invalid-input', 'A PIN is 4 to 12 digits (0–9).');
  }
  return pin;
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/**
 * Lets the call through when `profile` has no PIN or `pin` is its PIN. A wrong PIN is counted
 * (committed, although the call fails); the fifth in a row blocks PIN entry for that profile
 * for {@link PIN_WAIT_MS}, and every try meanwhile is refused without being checked.
 */
function requirePin(deps: ServiceDeps, profile: ProfileRecord, pin: string | undefined): void {
  const stored = getProfilePin(deps.db, profile.id);
  if (stored === undefined) return;
  const now = deps.clock.now();
  if (profile.pinBlockedUntil !== null && profile.pinBlockedUntil > now) {
    throw new ServiceError(
      'forbidden',
      `Too many wrong PINs for "${profile.name}": try again in ${seconds(profile.pinBlockedUntil - now)} seconds.`,
    );
  }
  if (pin === undefined || pin === '') {
    throw new ServiceError('forbidden', `"${profile.name}" has a PIN: enter it to continue.`);
  }
  if (pinMatches(pin, stored)) {
    if (profile.pinFailures > 0 || profile.pinBlockedUntil !== null) {
      setPinFailures(deps.db, profile.id, 0, null);
    }
    return;
  }
  const failures = profile.pinFailures + 1;
  if (failures >= MAX_WRONG_PINS) {
    setPinFailures(deps.db, profile.id, 0, now + PIN_WAIT_MS);
    throw new ServiceError(
      'forbidden',
      `Wrong PIN for "${profile.name}", ${MAX_WRONG_PINS} times in a row: wait ${seconds(PIN_WAIT_MS)} seconds before trying again.`,
    );
  }
  setPinFailures(deps.db, profile.id, failures, null);
  const left = MAX_WRONG_PINS - failures;
  throw new ServiceError(
    'forbidden',
    `Wrong PIN for "${profile.name}". ${left} ${left === 1 ? 'try' : 'tries'} left before a ${seconds(PIN_WAIT_MS)}-second wait.`,
  );
}

function requireProfile(db: Db, id: number): ProfileRecord {
  const profile = getProfile(db, id);
  if (profile === undefined) throw new ServiceError('not-found', `There is no profile ${id}.`);
  return profile;
}

/** Refuses `what` while `profile` has an exam running (expired ones are finished first). */
function refuseWhileExamRuns(deps: ServiceDeps, profile: ProfileRecord, what: string): void {
  sweepExpiredQuizzes(deps);
  const exam = listOpenSessions(deps.db, profile.id).find((s) => s.mode === 'exam');
  if (exam !== undefined) {
    throw new ServiceError(
      'exam-running',
      `${what} while ${profile.name}'s exam "${exam.title}" is running. Finish the exam first (or let its time run out).`,
    );
  }
}

export function profileUseCases(
  deps: ServiceDeps,
): Pick<
  AppApi,
  | 'listProfiles'
  | 'createProfile'
  | 'switchProfile'
  | 'renameProfile'
  | 'setProfilePin'
  | 'deleteProfile'
  | 'lockProfile'
> {
  const current = deps.profile!;
  const state = (): ProfilesState => ({
    profiles: listProfiles(deps.db).map((p) => ({
      id: p.id,
      name: p.name,
      hasPin: p.hasPin,
      lastUsedAt: p.lastUsedAt,
    })),
    currentId: current.id,
    locked: current.locked,
  });
  const choose = (id: number) => {
    const now = deps.clock.now();
    deps.db.transaction(() => {
      touchProfile(deps.db, id, now);
      setSetting(deps.db, CURRENT_PROFILE_KEY, String(id));
    })();
    current.choose(id);
  };
  /** The current profile is open (chosen, not locked) and is `id`. */
  const isOpen = (id: number) => !current.locked && current.id === id;

  return {
    async listProfiles() {
      return state();
    },
    async createProfile({ name, pin }) {
      const checked = checkName(deps.db, name);
      const hashed = pin === undefined || pin === '' ? null : hashPin(checkNewPin(pin));
      insertProfile(deps.db, { name: checked, pin: hashed, now: deps.clock.now() });
      return state();
    },
    async switchProfile({ profileId, pin }) {
      const target = requireProfile(deps.db, profileId);
      if (isOpen(profileId)) return state();
      const from = getProfile(deps.db, current.id);
      // Another learner must not see anything of a running exam (its questions' keys).
      if (from !== undefined && from.id !== profileId) {
        refuseWhileExamRuns(deps, from, 'Profiles cannot be switched');
      }
      requirePin(deps, target, pin);
      choose(profileId);
      return state();
    },
    async renameProfile({ profileId, name, pin }) {
      const target = requireProfile(deps.db, profileId);
      const checked = checkName(deps.db, name, profileId);
      if (!isOpen(profileId)) requirePin(deps, target, pin);
      renameProfile(deps.db, profileId, checked);
      return state();
    },
    async setProfilePin({ profileId, currentPin, pin }) {
      const target = requireProfile(deps.db, profileId);
      const hashed = pin === null ? null : hashPin(checkNewPin(pin));
      requirePin(deps, target, currentPin);
      if (hashed === null && !target.hasPin) return state();
      setProfilePin(deps.db, profileId, hashed);
      return state();
    },
    async deleteProfile({ profileId, pin }) {
      const target = requireProfile(deps.db, profileId);
      if (countProfiles(deps.db) <= 1) {
        throw new ServiceError(
          'conflict',
          `"${target.name}" is the only profile: create another one before deleting it.`,
        );
      }
      refuseWhileExamRuns(deps, target, `"${target.name}" cannot be deleted`);
      requirePin(deps, target, pin);
      const next = deps.db.transaction(() => {
        deleteProfile(deps.db, profileId);
        if (current.id !== profileId) return undefined;
        // The most recently used of the others is offered first; the picker shows.
        const first = listProfiles(deps.db)[0];
        setSetting(deps.db, CURRENT_PROFILE_KEY, String(first.id));
        return first;
      })();
      if (next !== undefined) current.lock(next.id);
      return state();
    },
    async lockProfile() {
      current.lock();
      return state();
    },
  };
}
