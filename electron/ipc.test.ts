import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../db/connection';
import { ensureLearner } from '../db/queries/learners';
import { apiMethods, ipcChannel, type ApiResult, type AppApi } from './contract';
import { registerIpc, type InvokeEventLike, type IpcMainLike } from './ipc';
import { createService, openLockdown } from './service';

type Listener = (event: InvokeEventLike, input: unknown) => Promise<unknown>;

function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  const ipc: IpcMainLike = {
    handle: (channel, listener) => void handlers.set(channel, listener),
    removeHandler: (channel) => void handlers.delete(channel),
  };
  return { ipc, handlers };
}

function realService(): AppApi {
  const dbPath = join(mkdtempSync(join(tmpdir(), 'deepdrill-ipc-')), 'ipc.db');
  const db = openDatabase(dbPath);
  return createService({
    db,
    clock: { now: () => 1_700_000_000_000 },
    nextSeed: () => 1,
    learnerId: ensureLearner(db, 'local', 0),
    dbPath,
    mode: 'desktop',
    version: '9.9.9',
    productName: 'DeepDrill',
    lockdown: openLockdown,
  });
}

const ourWindow: InvokeEventLike = {
  sender: { id: 1 },
  senderFrame: { url: 'deepdrill://app/index.html' },
};
const stranger: InvokeEventLike = {
  sender: { id: 2 },
  senderFrame: { url: 'https://evil.example/' },
};
const trusted = (event: InvokeEventLike) => event.sender.id === 1;

describe('IPC registry', () => {
  it('registers exactly one handler per API method, and removes them all', () => {
    const { ipc, handlers } = fakeIpcMain();
    const remove = registerIpc(ipc, realService(), trusted);
    expect([...handlers.keys()].sort()).toEqual(apiMethods.map(ipcChannel).sort());
    remove();
    expect(handlers.size).toBe(0);
  });

  it('answers our window through the real service', async () => {
    const { ipc, handlers } = fakeIpcMain();
    registerIpc(ipc, realService(), trusted);
    const result = (await handlers.get(ipcChannel('getAppInfo'))!(
      ourWindow,
      undefined,
    )) as ApiResult<{
      version: string;
    }>;
    expect(result).toMatchObject({ ok: true, value: { version: '9.9.9', mode: 'desktop' } });
  });

  it('refuses an untrusted sender before any use case runs', async () => {
    const { ipc, handlers } = fakeIpcMain();
    const service = realService();
    const spy = vi.spyOn(service, 'updateSettings');
    registerIpc(ipc, service, trusted);
    const result = await handlers.get(ipcChannel('updateSettings'))!(stranger, { theme: 'dark' });
    expect(result).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'message from an untrusted sender' },
    });
    expect(spy).not.toHaveBeenCalled();
  });

  it('parses input with the method schema and names the bad field', async () => {
    const { ipc, handlers } = fakeIpcMain();
    registerIpc(ipc, realService(), trusted);
    const result = (await handlers.get(ipcChannel('updateSettings'))!(ourWindow, {
      theme: 'purple',
    })) as ApiResult<unknown>;
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid-input');
      expect(result.error.message).toMatch(/^updateSettings: theme: /);
    }
    const extra = (await handlers.get(ipcChannel('updateSettings'))!(ourWindow, {
      theme: 'dark',
      isAdmin: true,
    })) as ApiResult<unknown>;
    expect(extra.ok).toBe(false);
  });

  it('turns an unexpected exception into a generic error value and reports it', async () => {
    const { ipc, handlers } = fakeIpcMain();
    const service = realService();
    vi.spyOn(service, 'getSettings').mockRejectedValue(new Error('disk on fire /home/me/secret'));
    const reported: unknown[] = [];
    registerIpc(ipc, service, trusted, (error) => reported.push(error));
    const result = (await handlers.get(ipcChannel('getSettings'))!(
      ourWindow,
      undefined,
    )) as ApiResult<unknown>;
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('internal');
      expect(result.error.message).not.toContain('secret');
    }
    expect(reported).toHaveLength(1);
  });

  it('persists settings through the registry in the real database', async () => {
    const { ipc, handlers } = fakeIpcMain();
    registerIpc(ipc, realService(), trusted);
    await handlers.get(ipcChannel('updateSettings'))!(ourWindow, {
      theme: 'dark',
      defaultTimerMinutes: 15,
    });
    const result = await handlers.get(ipcChannel('getSettings'))!(ourWindow, undefined);
    expect(result).toEqual({
      ok: true,
      value: {
        theme: 'dark',
        defaultTimerMinutes: 15,
        defaultMsqRule: 'partial',
        tourSeen: false,
        dailyGoal: 10,
      },
    });
  });
});
