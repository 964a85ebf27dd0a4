/**
 * Images carried inside question text, as Markdown images whose target is a base64 data URL
 * (`![a diagram](data:image/png;base64,…)`): how banks keep the pictures of imported Moodle
 * questions without files beside them. One rule for the pack schema, the importers and the
 * renderer: which image types, how large, and how long a text is without its image data.
 *
 * SVG is not among the types. An SVG document can hold script and links; rendered as `<img>` a
 * browser runs neither, but the same data URL in an `<object>`, `<iframe>` or a navigation runs
 * both, and refusing it here means no code path can ever hand one on.
 */

/** Image types a data URL in a text may have (the renderer shows exactly these). */
export const EMBEDDED_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;

/** Largest embedded image, decoded (1 MiB). */
export const MAX_IMAGE_BYTES = 1024 * 1024;

/** Most image data one question (all its texts together) may carry, decoded (2 MiB). */
export const MAX_QUESTION_IMAGE_BYTES = 2 * 1024 * 1024;

/** Most characters of a text besides its image data (the pack's Markdown limit). */
export const MAX_TEXT_CHARS = 20_000;

/** Characters of base64 that decode to `bytes` bytes (padded). */
export const base64Length = (bytes: number): number => Math.ceil(bytes / 3) * 4;

/** Most characters a text with images may have in all: its text plus one question's images. */
export const MAX_TEXT_WITH_IMAGES_CHARS =
  MAX_TEXT_CHARS + base64Length(MAX_QUESTION_IMAGE_BYTES) + 1000;

/** Bytes that `base64` (no blanks, padded or not) decodes to. */
export function decodedLength(base64: string): number {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return Math.floor((base64.length * 3) / 4) - (base64.length % 4 === 0 ? padding : 0);
}

/** One embedded image of a text: where its data URL starts and ends, its type and size. */
export interface EmbeddedImage {
  /** Offset of the data URL (`data:…`) in the text, and its length. */
  readonly start: number;
  readonly length: number;
  readonly mimeType: string;
  /** Decoded size in bytes. */
  readonly bytes: number;
}

// A Markdown image whose target is a base64 data URL of any image type (checked afterwards).
const markdownDataImage =
  /!\[(?:\\.|[^\\\]\n]){0,500}\]\((data:(image\/[a-z0-9.+-]{1,40});base64,([A-Za-z0-9+/]*={0,2}))\)/g;

/** The data-URL images of a Markdown text, in order (of any image type; see {@link imageProblem}). */
export function embeddedImages(text: string): EmbeddedImage[] {
  if (!text.includes('data:image/')) return [];
  const found: EmbeddedImage[] = [];
  for (const m of text.matchAll(markdownDataImage)) {
    found.push({
      start: (m.index ?? 0) + m[0].indexOf('(') + 1,
      length: m[1].length,
      mimeType: m[2],
      bytes: decodedLength(m[3]),
    });
  }
  return found;
}

// Any Markdown image, `![alt](target…`, unless its `!` is escaped.
const markdownImage = /(?<!\\)!\[(?:\\.|[^\\\]\n]){0,500}\]\(\s*<?([^\s<>)]{0,4000000})/g;
// The same as `markdownDataImage`, matched only where an image starts.
const dataImageAt = new RegExp(markdownDataImage.source, 'y');
// A code span or fenced block (a run of backticks to the next run as long): no image inside.
const codeSpan = /(`+)[\s\S]*?\1/g;

/**
 * The target of the first Markdown image of a text that is not an embedded data URL
 * (`![plot](https://…/plot.png)`, `![plot](plot.png)`), or null. Images in code are text.
 */
export function linkedImage(text: string): string | null {
  if (!text.includes('![')) return null;
  const prose = text.includes('`') ? text.replace(codeSpan, ' ') : text;
  for (const m of prose.matchAll(markdownImage)) {
    dataImageAt.lastIndex = m.index;
    if (!dataImageAt.test(prose)) return m[1];
  }
  return null;
}

/** The length of a text with the data URLs of its images left out. */
export function textLengthWithoutImages(text: string): number {
  return embeddedImages(text).reduce((n, image) => n - image.length, text.length);
}

/** Why an image cannot be embedded (type or size), or null when it can. */
export function imageProblem(mimeType: string, bytes: number): string | null {
  if (!(EMBEDDED_IMAGE_TYPES as readonly string[]).includes(mimeType)) {
    return mimeType === 'image/svg+xml'
      ? 'SVG images are not embedded (they can carry script); use PNG'
      : `${mimeType} is not an image type DeepDrill shows (PNG, JPEG, GIF, WebP)`;
  }
  if (bytes > MAX_IMAGE_BYTES) {
    // Just over the limit rounds to the limit: then the exact size says why.
    const size = formatBytes(bytes);
    const shown = size === formatBytes(MAX_IMAGE_BYTES) ? `${bytes} bytes` : size;
    return `${shown} is larger than the ${formatBytes(MAX_IMAGE_BYTES)} an image may have`;
  }
  return null;
}

/**
 * Why a text's images break the rules (an image linked rather than embedded, a type not shown,
 * an image over {@link MAX_IMAGE_BYTES}, more than {@link MAX_QUESTION_IMAGE_BYTES} in all, or
 * more than {@link MAX_TEXT_CHARS} of text besides them), or null.
 */
export function textImagesProblem(text: string): string | null {
  // Too long to hold what a question may carry: not searched (the length check below refuses it).
  const searched = text.length <= MAX_TEXT_WITH_IMAGES_CHARS;
  const linked = searched ? linkedImage(text) : null;
  if (linked !== null) {
    const shown = linked.length > 60 ? `${linked.slice(0, 57)}...` : linked;
    return (
      `the image "${shown}" is a link to a file, which DeepDrill cannot show offline; ` +
      'embed it as a data URL: ![description](data:image/png;base64,...)'
    );
  }
  const images = searched ? embeddedImages(text) : [];
  let total = 0;
  for (const image of images) {
    const problem = imageProblem(image.mimeType, image.bytes);
    if (problem !== null) return problem;
    total += image.bytes;
  }
  if (total > MAX_QUESTION_IMAGE_BYTES) {
    return `its images have ${formatBytes(total)}; a question may carry ${formatBytes(MAX_QUESTION_IMAGE_BYTES)}`;
  }
  const rest = images.reduce((n, image) => n - image.length, text.length);
  if (rest > MAX_TEXT_CHARS) {
    return `expected at most ${MAX_TEXT_CHARS} characters, got ${rest} (embedded images not counted)`;
  }
  return null;
}

/** `1.5 MB`, `320 kB`, `12 bytes`. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} kB`;
  return `${bytes} bytes`;
}

/**
 * The text with each embedded image as `[image: alt]` (`[image]` without alt): what a one-line
 * summary shows and what search reads, instead of megabytes of base64.
 */
export function imagesAsAltText(text: string): string {
  const images = embeddedImages(text);
  if (images.length === 0) return text;
  let out = '';
  let at = 0;
  for (const image of images) {
    // `![alt](` ends just before the data URL.
    const open = text.lastIndexOf('![', image.start);
    const alt = text.slice(open + 2, image.start - 2).trim();
    out += `${text.slice(at, open)}${alt === '' ? '[image]' : `[image: ${alt}]`}`;
    at = image.start + image.length + 1;
  }
  return out + text.slice(at);
}
