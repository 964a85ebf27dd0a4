/**
 * Reading Moodle's Aiken format into a DeepDrill bank pack: single-answer multiple choice only,
 * one question per group of lines, as Moodle's `qformat_aiken` reads it.
 *
 * ```
 * Which layer has no weights?
 * A. Max pooling
 * B) Convolution
 * ANSWER: A
 * ```
 *
 * The question text is every line before the first option (lines joined with line breaks);
 * options are lines starting with a capital letter and `.` or `)` then a blank; `ANSWER: X`
 * names the right option and ends the question. Texts are plain (Moodle shows them literally).
 * Every problem names its line; a result with problems has `pack: null`.
 */
import {
  DEFAULT_DIFFICULTY,
  MAX_FOREIGN_CHARS,
  PackAssembler,
  noExplanation,
  type ForeignImport,
  type ForeignImportOptions,
} from './foreign';
import { MAX_OPTIONS, optionId } from './gift';
import { toMarkdown } from './text';

const FORMAT = 'Aiken';
const optionLine = /^([A-Z])[.)][ \t]+(.*)$/;
const answerLine = /^ANSWER:\s*([A-Z])\s*$/;

/** Does this text look like Aiken (an option line and an `ANSWER:` line)? */
export function looksLikeAiken(text: string): boolean {
  const sample = text.slice(0, 200_000);
  return (
    /^[ \t]*ANSWER:[ \t]*[A-Z][ \t]*$/m.test(sample) && /^[ \t]*[A-Z][.)][ \t]+\S/m.test(sample)
  );
}

/** Reads an Aiken file (see the module comment). Never throws for bad input. */
export function parseAiken(text: string, options: ForeignImportOptions): ForeignImport {
  const out = new PackAssembler(options, FORMAT);
  if (text.length > MAX_FOREIGN_CHARS) {
    out.problem('(file)', `the file is larger than ${MAX_FOREIGN_CHARS} characters`);
    return out.finish();
  }
  let stem: string[] = [];
  let choices: { letter: string; text: string }[] = [];
  let start = 0;
  let ordinal = 0;
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  for (const [k, raw] of lines.entries()) {
    const line = raw.trim();
    const at = `line ${k + 1}`;
    if (line === '') continue;
    if (stem.length === 0 && choices.length === 0) start = k + 1;
    const option = optionLine.exec(line);
    const answer = answerLine.exec(line);
    if (answer !== null) {
      ordinal++;
      const position = `line ${start}`;
      const key = choices.findIndex((c) => c.letter === answer[1]);
      if (stem.length === 0) out.problem(position, 'the question has no text before its options');
      else if (choices.length < 2 || choices.length > MAX_OPTIONS) {
        out.problem(
          position,
          `a question needs 2 to ${MAX_OPTIONS} options, found ${choices.length}`,
        );
      } else if (key < 0) {
        out.problem(at, `ANSWER: ${answer[1]} names no option of this question`);
      } else {
        out.addItem(
          {
            type: 'mcq',
            stem: toMarkdown(stem.join('\n'), 'plain'),
            options: choices.map((c, j) => ({
              id: optionId(j),
              text: toMarkdown(c.text, 'plain'),
            })),
            answer: [optionId(key)],
            explanation: noExplanation(FORMAT),
            difficulty: DEFAULT_DIFFICULTY,
            tags: ['imported', 'aiken'],
            source: out.source(),
          },
          out.topicFor(null),
          position,
          ordinal,
          [],
        );
      }
      stem = [];
      choices = [];
    } else if (option !== null && stem.length > 0) {
      choices.push({ letter: option[1], text: option[2] });
    } else if (choices.length > 0) {
      out.problem(at, 'expected another option ("B. …") or the answer ("ANSWER: B")');
      stem = [];
      choices = [];
    } else stem.push(line);
  }
  if (stem.length > 0 || choices.length > 0) {
    out.problem(`line ${start}`, 'the question has no "ANSWER: X" line');
  }
  return out.finish();
}
