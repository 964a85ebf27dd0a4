import { describe, expect, it } from 'vitest';
import type { ExportedBank } from '../../../electron/contract';
import { exportSummary, parseVariants } from './export-bank';

const file: ExportedBank = {
  fileName: 'small-bank.gift',
  mimeType: 'text/plain',
  content: '',
  items: 7,
  exported: 5,
  questions: 7,
  templates: 2,
  variants: 2,
  notExported: [
    { id: 'vec', reason: 'a vector' },
    { id: 'ln-numeric', reason: 'a vector template' },
  ],
};

describe('exportSummary', () => {
  it('says what was saved and how many items were not', () => {
    expect(exportSummary(file)).toEqual({
      saved:
        'Saved small-bank.gift: 7 questions from 5 of 7 items (2 template items as 2 fixed variants each).',
      left: '2 items were not exported: the format cannot hold them.',
    });
  });

  it('leaves out what did not happen: no templates, nothing left out, one of each', () => {
    const one = {
      ...file,
      items: 1,
      exported: 1,
      questions: 1,
      templates: 0,
      notExported: [],
    };
    expect(exportSummary(one)).toEqual({
      saved: 'Saved small-bank.gift: 1 question from 1 of 1 item.',
      left: null,
    });
    expect(exportSummary({ ...file, notExported: [file.notExported[0]] }).left).toBe(
      '1 item was not exported: the format cannot hold it.',
    );
  });
});

describe('parseVariants', () => {
  it('takes whole numbers from 0 to the maximum and says what is wrong otherwise', () => {
    expect(parseVariants(' 0 ', 50)).toBe(0);
    expect(parseVariants('50', 50)).toBe(50);
    for (const bad of ['51', '-1', '2.5', '', 'three']) {
      expect(parseVariants(bad, 50)).toBe('Give a whole number of variants from 0 to 50.');
    }
  });
});
