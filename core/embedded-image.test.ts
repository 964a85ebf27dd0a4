import { describe, expect, it } from 'vitest';
import {
  decodedLength,
  embeddedImages,
  imagesAsAltText,
  linkedImage,
  textImagesProblem,
  textLengthWithoutImages,
} from './embedded-image';

describe('embedded images in a text', () => {
  it('decodes base64 lengths by hand: 4 characters per 3 bytes, less the padding', () => {
    expect(decodedLength('')).toBe(0);
    expect(decodedLength('TWFu')).toBe(3); // "Man"
    expect(decodedLength('TWE=')).toBe(2); // "Ma"
    expect(decodedLength('TQ==')).toBe(1); // "M"
  });

  it('finds each image with its type and size, and measures the text without them', () => {
    const text = 'a ![x](data:image/png;base64,TWFu) b ![](data:image/gif;base64,TQ==)';
    expect(embeddedImages(text).map((i) => [i.mimeType, i.bytes])).toEqual([
      ['image/png', 3],
      ['image/gif', 1],
    ]);
    // The two data URLs have 26 and 26 characters.
    expect(textLengthWithoutImages(text)).toBe(text.length - 52);
  });

  it('shows images as their alt text, for summaries and search', () => {
    expect(
      imagesAsAltText(
        'See ![the plot](data:image/png;base64,TWFu) and ![](data:image/gif;base64,TQ==).',
      ),
    ).toBe('See [image: the plot] and [image].');
  });

  it('names what breaks the rules: SVG, an image over 1 MiB', () => {
    expect(textImagesProblem('![s](data:image/svg+xml;base64,TWFu)')).toMatch(/^SVG images/);
    // 349 527 groups of 4 characters, 3 bytes each: 1 048 581 bytes, 5 over the limit.
    const big = 'A'.repeat(349_527 * 4);
    expect(textImagesProblem(`![b](data:image/png;base64,${big})`)).toBe(
      // Rounded to "1 MB" it would not say why.
      '1048581 bytes is larger than the 1 MB an image may have',
    );
  });

  it('refuses an image linked rather than embedded, naming it', () => {
    expect(linkedImage('See ![plot](https://x.org/plot.png).')).toBe('https://x.org/plot.png');
    expect(linkedImage('![html](a)a')).toBe('a');
    // The second image is the linked one; the first is embedded.
    expect(linkedImage('![x](data:image/png;base64,TWFu) ![y](y.png)')).toBe('y.png');
    expect(textImagesProblem('See ![plot](plot.png)')).toBe(
      'the image "plot.png" is a link to a file, which DeepDrill cannot show offline; ' +
        'embed it as a data URL: ![description](data:image/png;base64,...)',
    );
  });

  it('leaves alone what is not an image: embedded ones, code, an escaped "!", a plain link', () => {
    expect(linkedImage('![x](data:image/png;base64,TWFu)')).toBeNull();
    expect(linkedImage('Write `![alt](file.png)` in Markdown, or\n```\n![a](b)\n```')).toBeNull();
    expect(linkedImage('Wow\\![not an image](a)')).toBeNull();
    expect(linkedImage('[a link](https://x.org) and a ! [b](c)')).toBeNull();
    expect(textImagesProblem('![x](data:image/png;base64,TWFu)')).toBeNull();
  });
});
