import type { Theme } from '../../../electron/contract';

/** The theme actually shown: the setting, or the OS preference when the setting is "system". */
export function resolveTheme(setting: Theme, systemPrefersDark: boolean): 'light' | 'dark' {
  if (setting === 'system') return systemPrefersDark ? 'dark' : 'light';
  return setting;
}
