import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { listTemplates, generateVariant } from '../../core/templates';
import type { ResolvedQuestion } from '../../core/types';
import { builtinPack } from '../../db/builtin';

/** Math segments of a Markdown text: `$$…$$` blocks first, then `$…$` (unescaped dollars). */
function mathSegments(text: string): { tex: string; display: boolean }[] {
  const segments: { tex: string; display: boolean }[] = [];
  const withoutDisplay = text.replace(/\$\$([\s\S]+?)\$\$/g, (_, tex: string) => {
    segments.push({ tex, display: true });
    return ' ';
  });
  for (const match of withoutDisplay.matchAll(/(?<!\\)\$((?:\\\$|[^$])+?)\$/g)) {
    segments.push({ tex: match[1], display: false });
  }
  return segments;
}

function render(tex: string, display: boolean): void {
  katex.renderToString(tex, {
    throwOnError: true,
    strict: 'error',
    trust: false,
    displayMode: display,
  });
}

function questionTexts(q: ResolvedQuestion): string[] {
  return [
    q.stem,
    q.explanation,
    ...(q.steps ?? []),
    ...(q.options ?? []).flatMap((o) => [o.text, o.feedback ?? '']),
    ...(q.hints ?? []),
    ...(q.parts ?? []).flatMap((p) => [p.prompt, p.answerFormat, p.hint ?? '']),
    ...(q.misconceptionKeys ?? []).map((m) => m.feedback),
  ];
}

describe('every formula learners will see renders with KaTeX', () => {
  it('in the built-in bank (stems, options, feedback, explanations, hints, parts)', () => {
    let count = 0;
    for (const item of builtinPack.items) {
      const texts: string[] = [];
      if ('stem' in item && item.stem) texts.push(item.stem);
      if ('explanation' in item && item.explanation) texts.push(item.explanation);
      if ('options' in item) for (const o of item.options) texts.push(o.text, o.feedback ?? '');
      if ('hints' in item) texts.push(...(item.hints ?? []));
      if ('parts' in item) {
        for (const p of item.parts ?? []) texts.push(p.prompt, p.answerFormat ?? '', p.hint ?? '');
      }
      for (const text of texts) {
        for (const { tex, display } of mathSegments(text)) {
          expect(() => render(tex, display), `${item.id}: ${tex}`).not.toThrow();
          count++;
        }
      }
    }
    expect(count).toBeGreaterThan(300);
  });

  it('in generated template variants (both forms, many seeds)', () => {
    for (const template of listTemplates()) {
      for (const form of template.forms) {
        for (let seed = 0; seed < 15; seed++) {
          const variant = generateVariant(template.id, seed, { form });
          for (const text of questionTexts(variant.question)) {
            for (const { tex, display } of mathSegments(text)) {
              expect(
                () => render(tex, display),
                `${template.id} ${form} seed ${seed}: ${tex}`,
              ).not.toThrow();
            }
          }
        }
      }
    }
    // Forty-odd templates × forms × seeds: a correctness sweep, given time on a loaded machine.
  }, 180_000);
});
