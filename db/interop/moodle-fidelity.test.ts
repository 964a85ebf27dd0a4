/**
 * Files written the way Moodle writes them, read as Moodle reads them. The reference is Moodle's
 * own parser tests (moodle/moodle: question/format/gift/tests/giftformat_test.php and
 * question/format/xml/tests/xmlformat_test.php); the fixtures in tests/fixtures/moodle are our
 * own, each question built after one of those tests, and every expected value below is what
 * Moodle's test expects, worked out by hand into DeepDrill Markdown.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BankItemInput } from '../bank/schema';
import type { ForeignImport } from './foreign';
import { parseGift } from './gift';

const fixtures = join(__dirname, '../../tests/fixtures/moodle');
const read = (name: string) => readFileSync(join(fixtures, name), 'utf8');
const gift = (name: string) => parseGift(read(name), { bankId: 'm', title: name, fileName: name });

function item(result: ForeignImport, id: string): BankItemInput {
  expect(result.problems).toEqual([]);
  const found = result.pack?.items.find((i) => i.id === id);
  if (found === undefined) throw new Error(`no item ${id} in ${JSON.stringify(result)}`);
  return found;
}

describe('texts of a Moodle GIFT export', () => {
  const result = gift('text-export.gift');

  it('reads the \\n escapes of the export as line breaks, before letters too', () => {
    expect(item(result, 'breaks')).toMatchObject({ stem: 'Line one\\\nLine two\\\nLine three' });
  });

  it('keeps \\\\ as one backslash each (test_import_backslash: Moodle shows A \\ B \\\\ C)', () => {
    // Markdown for `A \ B \\ C`: a backslash before a blank shows as it is; the pair is escaped.
    expect(item(result, 'backslash')).toMatchObject({ stem: 'A \\ B \\\\\\ C' });
  });

  it('keeps <pre> indentation (test_import_pre_content)', () => {
    expect(item(result, 'pre')).toMatchObject({
      stem: 'What does this print?\n\n```\n    for i in range(2):\n        print(i)\n```',
    });
  });

  it('turns an HTML table into a Markdown table', () => {
    expect(item(result, 'table')).toMatchObject({
      stem: 'Output sizes:\n\n| Layer | Size |\n| --- | --- |\n| conv | 32 |',
    });
  });

  it('keeps a leading # and 1. as text, and a final <br> without a backslash', () => {
    expect(item(result, 'hash')).toMatchObject({
      stem: '\\# of parameters in a 3×3 conv with 8 filters?\n\n1\\. Count the weights',
    });
  });
});
