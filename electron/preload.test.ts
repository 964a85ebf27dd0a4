import { beforeEach, describe, expect, it, vi } from 'vitest';
import { apiMethods, ipcChannel } from './contract';

// The real `electron` module must never load in tests (it downloads its binary): replace it.
const exposed = new Map<string, unknown>();
const invoke = vi.fn(async (channel: string, input: unknown) => ({
  ok: true,
  value: { channel, input },
}));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) },
  ipcRenderer: { invoke, send: vi.fn(), sendSync: vi.fn(), on: vi.fn() },
}));

describe('preload', () => {
  beforeEach(async () => {
    exposed.clear();
    vi.resetModules();
    await import('./preload');
  });

  it('exposes only window.api, with exactly one function per API method', () => {
    expect([...exposed.keys()]).toEqual(['api']);
    const api = exposed.get('api') as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual([...apiMethods].sort());
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('never hands the page ipcRenderer, send or process', () => {
    const api = exposed.get('api') as Record<string, unknown>;
    for (const forbidden of ['ipcRenderer', 'send', 'sendSync', 'invoke', 'on', 'process']) {
      expect(api).not.toHaveProperty(forbidden);
    }
  });

  it('forwards each call with invoke on that method’s own channel', async () => {
    const api = exposed.get('api') as Record<string, (input?: unknown) => Promise<unknown>>;
    await api.startQuiz({ mode: 'practice' });
    expect(invoke).toHaveBeenLastCalledWith(ipcChannel('startQuiz'), { mode: 'practice' });
  });
});
