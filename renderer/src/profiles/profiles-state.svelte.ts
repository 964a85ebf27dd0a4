import { createContext } from 'svelte';
import type { AppApi, ProfilesState } from '../../../electron/contract';

/**
 * The profiles and who is studying, shared by the header menu, the picker and Settings. Every
 * change goes through the API and keeps the state it returns. While a switch is on its way the
 * shell shows no screen (`switching`), so every screen is mounted afresh afterwards and loads
 * the new learner's data; after a lock the picker replaces the screens the same way.
 */
export class ProfilesStore {
  readonly #api: AppApi;
  state = $state.raw<ProfilesState | null>(null);
  /** The picker was opened from the menu for this profile (it asks for its PIN). */
  choosing = $state<number | null>(null);
  switching = $state(false);

  constructor(api: AppApi) {
    this.#api = api;
  }

  /** "Who's studying?" is on screen: nobody chosen yet, or the menu asked for another PIN. */
  get pickerOpen(): boolean {
    return this.state?.locked === true || this.choosing !== null;
  }

  async load(): Promise<ProfilesState> {
    return this.#keep(await this.#api.listProfiles());
  }

  #keep(next: ProfilesState): ProfilesState {
    this.state = next;
    return next;
  }

  async switchTo(profileId: number, pin?: string): Promise<ProfilesState> {
    this.switching = true;
    try {
      const next = this.#keep(await this.#api.switchProfile({ profileId, pin }));
      this.choosing = null;
      return next;
    } finally {
      this.switching = false;
    }
  }

  async create(name: string, pin?: string): Promise<ProfilesState> {
    return this.#keep(await this.#api.createProfile({ name, pin }));
  }

  async rename(profileId: number, name: string, pin?: string): Promise<ProfilesState> {
    return this.#keep(await this.#api.renameProfile({ profileId, name, pin }));
  }

  async setPin(profileId: number, pin: string | null, currentPin?: string) {
    return this.#keep(await this.#api.setProfilePin({ profileId, pin, currentPin }));
  }

  async remove(profileId: number, pin?: string): Promise<ProfilesState> {
    return this.#keep(await this.#api.deleteProfile({ profileId, pin }));
  }

  async lock(): Promise<ProfilesState> {
    this.choosing = null;
    return this.#keep(await this.#api.lockProfile());
  }
}

const [getProfiles, setProfiles] = createContext<ProfilesStore>();
export { getProfiles, setProfiles };
