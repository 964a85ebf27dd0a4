import { expect, it } from 'vitest';
import type { AppApi } from '../../../electron/contract';
import { AppState } from './app-state.svelte';

/** A promise and the function that resolves it. */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {};
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

it('a screen loads after the answers of the screen it replaced, even when they are handed over after it asked', async () => {
  const app = new AppState({} as AppApi);
  const order: string[] = [];
  // Svelte creates the next screen (which asks for its data at once) before it tears down the
  // quiz screen, whose teardown hands over the answers it is still sending.
  const loaded = app.afterSaves(async () => {
    order.push('dashboard loaded');
    return 'dashboard';
  });
  const save = deferred();
  app.settle(save.promise.then(() => order.push('answer saved')));
  // And a second save handed over while the first is on its way.
  await Promise.resolve();
  const late = deferred();
  app.settle(late.promise.then(() => order.push('late answer saved')));
  await new Promise((resolve) => setTimeout(resolve, 10));
  expect(order).toEqual([]);
  save.resolve();
  await new Promise((resolve) => setTimeout(resolve, 10));
  expect(order).toEqual(['answer saved']);
  late.resolve();
  expect(await loaded).toBe('dashboard');
  expect(order).toEqual(['answer saved', 'late answer saved', 'dashboard loaded']);
});

it('a failed save does not keep the next screen from loading', async () => {
  const app = new AppState({} as AppApi);
  app.settle(Promise.reject(new Error('disk full')));
  expect(await app.afterSaves(async () => 'loaded')).toBe('loaded');
});
