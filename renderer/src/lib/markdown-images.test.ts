// @vitest-environment jsdom
/** Embedded images in question text: shown whatever their size within the pack's limits. */
import { describe, expect, it } from 'vitest';
import { maxSourceChars, renderMarkdown } from './markdown';

function render(source: string): HTMLElement {
  const el = document.createElement('div');
  el.innerHTML = renderMarkdown(source);
  return el;
}

describe('embedded images', () => {
  it('shows a 300 kB image although its data is longer than the text limit', () => {
    // 400 000 base64 characters (300 000 bytes): eight times maxSourceChars.
    const data = 'A'.repeat(400_000);
    expect(data.length).toBeGreaterThan(maxSourceChars);
    const img = render(`A plot:\n\n![the plot](data:image/png;base64,${data})`).querySelector(
      'img',
    );
    expect(img?.getAttribute('alt')).toBe('the plot');
    expect(img?.getAttribute('src')).toBe(`data:image/png;base64,${data}`);
  });

  it('still refuses a text whose words alone are over the limit, counting them only', () => {
    const words = 'w'.repeat(maxSourceChars + 1);
    const el = render(`${words} ![x](data:image/png;base64,${'A'.repeat(1000)})`);
    expect(el.querySelector('img')).toBeNull();
    // The words, the blank and `![x](` `)`: 50 008 characters besides the image data.
    expect(el.textContent).toContain('This text is too long to show (50,008 characters;');
  });

  it('never shows an SVG data URL as an image (it can carry script)', () => {
    const el = render('![s](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)');
    expect(el.querySelector('img')).toBeNull();
    expect(el.textContent?.trim()).toBe('s');
  });
});
