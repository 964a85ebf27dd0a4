// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { keyTargetOf, shortcutFor, type KeyTarget } from './shortcuts';

const press = (key: string, target: KeyTarget = 'other', extra = {}) => ({ key, target, ...extra });

describe('shortcutFor', () => {
  it('maps digits and letters to options within range', () => {
    expect(shortcutFor(press('1'), 4)).toEqual({ kind: 'pick', index: 0 });
    expect(shortcutFor(press('4'), 4)).toEqual({ kind: 'pick', index: 3 });
    expect(shortcutFor(press('5'), 4)).toBeNull();
    expect(shortcutFor(press('a'), 4)).toEqual({ kind: 'pick', index: 0 });
    expect(shortcutFor(press('D'), 4)).toEqual({ kind: 'pick', index: 3 });
    expect(shortcutFor(press('e'), 4)).toBeNull();
    expect(shortcutFor(press('0'), 4)).toBeNull();
  });

  it('navigates, marks, saves and opens help', () => {
    expect(shortcutFor(press('n'), 4)).toEqual({ kind: 'next' });
    expect(shortcutFor(press('N'), 4)).toEqual({ kind: 'next' });
    expect(shortcutFor(press('p'), 4)).toEqual({ kind: 'previous' });
    expect(shortcutFor(press('m'), 4)).toEqual({ kind: 'mark' });
    expect(shortcutFor(press('Enter'), 4)).toEqual({ kind: 'save' });
    expect(shortcutFor(press('?'), 4)).toEqual({ kind: 'help' });
    expect(shortcutFor(press('s'), 4)).toEqual({ kind: 'submit' });
  });

  it('works from a focused radio or checkbox', () => {
    expect(shortcutFor(press('2', 'choice'), 3)).toEqual({ kind: 'pick', index: 1 });
    expect(shortcutFor(press('Enter', 'choice'), 3)).toEqual({ kind: 'save' });
  });

  it('lets typing in the number field through, except Enter', () => {
    for (const key of ['1', 'e', 'n', 'p', 'm', '-', '.', '?']) {
      expect(shortcutFor(press(key, 'text'), 4)).toBeNull();
    }
    expect(shortcutFor(press('Enter', 'text'), 0)).toEqual({ kind: 'save' });
    expect(shortcutFor(press('Escape', 'text'), 0)).toEqual({ kind: 'leave-field' });
    expect(shortcutFor(press('Escape', 'other'), 0)).toBeNull();
  });

  it('never takes Enter from a focused button or link', () => {
    expect(shortcutFor(press('Enter', 'control'), 4)).toBeNull();
    expect(shortcutFor(press('n', 'control'), 4)).toEqual({ kind: 'next' });
  });

  it('leaves modified keys and Space to the browser', () => {
    expect(shortcutFor(press('n', 'other', { ctrlKey: true }), 4)).toBeNull();
    expect(shortcutFor(press('1', 'other', { metaKey: true }), 4)).toBeNull();
    expect(shortcutFor(press('m', 'other', { altKey: true }), 4)).toBeNull();
    expect(shortcutFor(press(' ', 'choice'), 4)).toBeNull();
    expect(shortcutFor(press('ArrowDown', 'choice'), 4)).toBeNull();
  });
});

describe('keyTargetOf', () => {
  it('classifies elements', () => {
    const make = (html: string) => {
      const host = document.createElement('div');
      host.innerHTML = html;
      return host.firstElementChild;
    };
    expect(keyTargetOf(make('<input type="text">'))).toBe('text');
    expect(keyTargetOf(make('<input inputmode="decimal">'))).toBe('text');
    expect(keyTargetOf(make('<textarea></textarea>'))).toBe('text');
    expect(keyTargetOf(make('<input type="radio">'))).toBe('choice');
    expect(keyTargetOf(make('<input type="checkbox">'))).toBe('choice');
    expect(keyTargetOf(make('<button>x</button>'))).toBe('control');
    expect(keyTargetOf(make('<a href="#">x</a>'))).toBe('control');
    expect(keyTargetOf(make('<div>x</div>'))).toBe('other');
    expect(keyTargetOf(null)).toBe('other');
  });
});
