/** Words for the backup list. */
import type { BackupInfo } from '../../../electron/contract';

/** 1536 → "1.5 KB". */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 10 ? Math.round(value) : Math.round(value * 10) / 10} ${units[unit]}`;
}

/** What made a backup, in words. */
export function backupKind(kind: BackupInfo['kind']): string {
  switch (kind) {
    case 'auto':
      return 'Automatic';
    case 'manual':
      return 'Made by you';
    case 'pre-restore':
      return 'Before a restore';
    default:
      throw new Error(`unknown backup kind ${String(kind satisfies never)}`);
  }
}

/** Newest first. */
export function newestFirst(backups: readonly BackupInfo[]): BackupInfo[] {
  return [...backups].sort((a, b) => b.createdAt - a.createdAt);
}
