// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { backupKind, fileSize, newestFirst } from './backups';

describe('backups', () => {
  it('formats sizes', () => {
    expect(fileSize(512)).toBe('512 B');
    expect(fileSize(1536)).toBe('1.5 KB');
    expect(fileSize(20 * 1024 * 1024)).toBe('20 MB');
  });

  it('names kinds and sorts newest first', () => {
    expect(backupKind('pre-restore')).toBe('Before a restore');
    const list = newestFirst([
      { name: 'a', kind: 'auto', createdAt: 1, bytes: 1 },
      { name: 'b', kind: 'manual', createdAt: 3, bytes: 1 },
    ]);
    expect(list.map((b) => b.name)).toEqual(['b', 'a']);
  });
});
