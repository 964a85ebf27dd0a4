// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import {
  OPTION_LETTERS,
  keyTargetOf,
  letterRange,
  shortcutFor,
  shortcutHelp,
  type KeyContext,
  type KeyTarget,
} from './shortcuts';

const press = (key: string, target: KeyTarget = 'other', extra = {}) => ({ key, target, ...extra });
const exam = (optionCount: number): KeyContext => ({ optionCount, practice: false });
const practice = (optionCount: number): KeyContext => ({ optionCount, practice: true });

describe('shortcutFor', () => {
  it('maps digits and letters to options within range', () => {
    expect(shortcutFor(press('1'), exam(4))).toEqual({ kind: 'pick', index: 0 });
    expect(shortcutFor(press('4'), exam(4))).toEqual({ kind: 'pick', index: 3 });
    expect(shortcutFor(press('5'), exam(4))).toBeNull();
    expect(shortcutFor(press('a'), exam(4))).toEqual({ kind: 'pick', index: 0 });
    expect(shortcutFor(press('D'), exam(4))).toEqual({ kind: 'pick', index: 3 });
    expect(shortcutFor(press('e'), exam(4))).toBeNull();
    expect(shortcutFor(press('0'), exam(4))).toBeNull();
  });

  it('lets every shown option letter pick, up to L for twelve options', () => {
    expect(shortcutFor(press('f'), practice(6))).toEqual({ kind: 'pick', index: 5 });
    expect(shortcutFor(press('F'), exam(6))).toEqual({ kind: 'pick', index: 5 });
    expect(shortcutFor(press('c'), practice(3))).toEqual({ kind: 'pick', index: 2 });
    expect(shortcutFor(press('h'), practice(8))).toEqual({ kind: 'pick', index: 7 });
    expect(shortcutFor(press('l'), exam(12))).toEqual({ kind: 'pick', index: 11 });
    // A letter beyond the options shown does nothing (it is never a command either).
    expect(shortcutFor(press('g'), practice(6))).toBeNull();
  });

  it('never gives a command a key that is an option letter', () => {
    const commandKeys = 'nmpstrv?';
    for (const key of commandKeys) expect(OPTION_LETTERS).not.toContain(key);
    for (const key of OPTION_LETTERS) {
      expect(shortcutFor(press(key), practice(12))).toEqual({
        kind: 'pick',
        index: OPTION_LETTERS.indexOf(key),
      });
    }
  });

  it('navigates, marks, saves and opens help', () => {
    expect(shortcutFor(press('n'), exam(4))).toEqual({ kind: 'next' });
    expect(shortcutFor(press('N'), exam(4))).toEqual({ kind: 'next' });
    expect(shortcutFor(press('p'), exam(4))).toEqual({ kind: 'previous' });
    expect(shortcutFor(press('m'), exam(4))).toEqual({ kind: 'mark' });
    expect(shortcutFor(press('Enter'), exam(4))).toEqual({ kind: 'save' });
    expect(shortcutFor(press('?'), exam(4))).toEqual({ kind: 'help' });
    expect(shortcutFor(press('s'), exam(4))).toEqual({ kind: 'submit' });
  });

  it('checks with Enter in practice, from an option, the page or the number field', () => {
    expect(shortcutFor(press('Enter'), practice(4))).toEqual({ kind: 'check' });
    expect(shortcutFor(press('Enter', 'choice'), practice(4))).toEqual({ kind: 'check' });
    expect(shortcutFor(press('Enter', 'text'), practice(0))).toEqual({ kind: 'check' });
    // In an exam Enter saves; nothing is checked before the end.
    expect(shortcutFor(press('Enter', 'text'), exam(0))).toEqual({ kind: 'save' });
  });

  it('has tutoring keys in practice only', () => {
    expect(shortcutFor(press('t'), practice(4))).toEqual({ kind: 'hint' });
    expect(shortcutFor(press('R'), practice(4))).toEqual({ kind: 'try-again' });
    expect(shortcutFor(press('v'), practice(0))).toEqual({ kind: 'similar' });
    expect(shortcutFor(press('t'), exam(4))).toBeNull();
    expect(shortcutFor(press('r'), exam(4))).toBeNull();
    expect(shortcutFor(press('v'), exam(4))).toBeNull();
  });

  it('works from a focused radio or checkbox', () => {
    expect(shortcutFor(press('2', 'choice'), exam(3))).toEqual({ kind: 'pick', index: 1 });
    expect(shortcutFor(press('Enter', 'choice'), exam(3))).toEqual({ kind: 'save' });
  });

  it('lets typing in the number field through, except Enter and Escape', () => {
    for (const key of ['1', 'e', 'n', 'p', 'm', 't', 'r', '-', '.', '?']) {
      expect(shortcutFor(press(key, 'text'), practice(4))).toBeNull();
    }
    expect(shortcutFor(press('Escape', 'text'), exam(0))).toEqual({ kind: 'leave-field' });
    expect(shortcutFor(press('Escape', 'other'), exam(0))).toBeNull();
  });

  it('never takes Enter from a focused button, link or disclosure', () => {
    expect(shortcutFor(press('Enter', 'control'), practice(4))).toBeNull();
    expect(shortcutFor(press('Enter', 'control'), exam(4))).toBeNull();
    expect(shortcutFor(press('n', 'control'), exam(4))).toEqual({ kind: 'next' });
  });

  it('leaves modified keys, Space and unknown keys to the browser', () => {
    expect(shortcutFor(press('n', 'other', { ctrlKey: true }), exam(4))).toBeNull();
    expect(shortcutFor(press('1', 'other', { metaKey: true }), exam(4))).toBeNull();
    expect(shortcutFor(press('m', 'other', { altKey: true }), exam(4))).toBeNull();
    expect(shortcutFor(press(' ', 'choice'), exam(4))).toBeNull();
    expect(shortcutFor(press('ArrowDown', 'choice'), exam(4))).toBeNull();
    expect(shortcutFor(press('constructor'), practice(4))).toBeNull();
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
    expect(keyTargetOf(make('<summary>x</summary>'))).toBe('control');
    expect(keyTargetOf(make('<div>x</div>'))).toBe('other');
    expect(keyTargetOf(null)).toBe('other');
  });
});

describe('letterRange and shortcutHelp', () => {
  it('names the letters a question shows', () => {
    expect(letterRange(0)).toBe('');
    expect(letterRange(1)).toBe('A');
    expect(letterRange(6)).toBe('A–F');
    expect(letterRange(20)).toBe('A–L');
  });

  it('lists the tutoring keys in practice only, and what Enter does in each mode', () => {
    const keys = (practiceMode: boolean) => shortcutHelp(practiceMode).map((e) => e.keys.join(''));
    expect(keys(true)).toEqual(expect.arrayContaining(['T', 'R', 'V', 'Enter']));
    expect(keys(false)).not.toContain('T');
    expect(shortcutHelp(true).find((e) => e.keys[0] === 'Enter')?.action).toMatch(/^Check/);
    expect(shortcutHelp(false).find((e) => e.keys[0] === 'Enter')?.action).toMatch(/^Save/);
  });
});
