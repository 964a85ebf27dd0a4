/**
 * Images and other files inside foreign question text, read as Moodle reads them and kept as
 * data URLs (`![alt](data:image/png;base64,…)`, see `core/embedded-image.ts`), with everything
 * that cannot be kept named so the import report can say what was dropped.
 *
 * Moodle XML carries a text's files as children of its holder (`<questiontext>`, `<answer>`,
 * `<feedback>`, `<generalfeedback>`, `<hint>`, …): `<file name="graph.png" path="/"
 * encoding="base64">…</file>`, referred to from the text as `@@PLUGINFILE@@/graph.png` (the
 * path's segments URL-encoded; a duplicate path is ignored, the first one kept, as
 * `import_files_as_draft` does). Files of Moodle 1.9 (`<image>name</image>` with
 * `<image_base64>`) become an image after the question text, as Moodle's `import_headers`
 * appends ` <img src="@@PLUGINFILE@@/name" />`. GIFT has no files: its HTML may hold
 * `<img src="data:…">`, which is kept the same way.
 *
 * Kept: PNG, JPEG, GIF and WebP images of at most 1 MiB each and 2 MiB per question. Dropped,
 * each reported: SVG (it can carry script; see `core/embedded-image.ts`), other types, larger
 * images, images on the web (DeepDrill runs offline and never fetches), images whose file is
 * missing, audio, video and embedded players, and files the text links to or never shows.
 */
import {
  MAX_QUESTION_IMAGE_BYTES,
  decodedLength,
  embeddedImages,
  formatBytes,
  imageProblem,
} from '../../core/embedded-image';
import { excerpt } from './foreign';
import { childElements, firstChild, textContent, type XmlElement } from './xml';

/** Turns an image source (`src`) into the data URL to embed, or null when it cannot be kept. */
export type ImageSource = (src: string) => string | null;

/** The files of a text holder: full path (`/graph.png`) → base64 data (blanks removed). */
export type HolderFiles = ReadonlyMap<string, string>;

const PLUGINFILE = '@@PLUGINFILE@@';

const typeByExtension: Readonly<Record<string, string>> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  jpe: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  svg: 'image/svg+xml',
  bmp: 'image/bmp',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  ogg: 'audio/ogg',
  m4a: 'audio/mp4',
  mp4: 'video/mp4',
  webm: 'video/webm',
  mov: 'video/quicktime',
  pdf: 'application/pdf',
};

/** The type a file name's extension says, or null. */
function typeOfName(name: string): string | null {
  const dot = name.lastIndexOf('.');
  if (dot < 0) return null;
  return typeByExtension[name.slice(dot + 1).toLowerCase()] ?? null;
}

/** What a file is, for a message: `audio sound.mp3`, `image graph.png`, `file notes.pdf`. */
function describeFile(name: string): string {
  const type = typeOfName(name) ?? '';
  const kind = type.startsWith('image/')
    ? 'image'
    : type.startsWith('audio/')
      ? 'audio'
      : type.startsWith('video/')
        ? 'video'
        : 'file';
  return `${kind} ${excerpt(name, 80)}`;
}

const base64Data = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * The files a Moodle XML text holder carries (its `<file>` children), by full path; the first
 * of two with the same path wins, as in Moodle. Files not in base64 are left out (Moodle writes
 * only base64).
 */
export function holderFiles(holder: XmlElement | undefined): Map<string, string> {
  const files = new Map<string, string>();
  if (holder === undefined) return files;
  for (const file of childElements(holder, 'file')) {
    const name = (file.attributes.get('name') ?? '').trim();
    if (name === '') continue;
    const path = (file.attributes.get('path') ?? '/').trim() || '/';
    const full = `${path.endsWith('/') ? path : `${path}/`}${name}`;
    const full2 = full.startsWith('/') ? full : `/${full}`;
    const encoding = (file.attributes.get('encoding') ?? 'base64').trim().toLowerCase();
    if (files.has(full2) || encoding !== 'base64') continue;
    files.set(full2, textContent(file).replace(/\s+/g, ''));
  }
  return files;
}

/** The full path a `@@PLUGINFILE@@/…` source names (its segments URL-decoded), or null. */
function pluginFilePath(src: string): string | null {
  if (!src.startsWith(`${PLUGINFILE}/`)) return null;
  const rest = src.slice(PLUGINFILE.length).split(/[?#]/)[0];
  try {
    return rest
      .split('/')
      .map((segment) => decodeURIComponent(segment))
      .join('/');
  } catch {
    return rest;
  }
}

/** How an image source resolves: the data URL and its size, or what was dropped and why. */
export type ImageResolution =
  | { readonly ok: true; readonly dataUrl: string; readonly bytes: number }
  | { readonly ok: false; readonly dropped: string };

const dataUrlPattern = /^data:([^;,]{0,100})((?:;[^;,]{0,100}){0,5}),/i;

/** Resolves an image source against a holder's files (see the module comment for the rules). */
export function resolveImage(rawSrc: string, files: HolderFiles): ImageResolution {
  const src = rawSrc.trim();
  const path = pluginFilePath(src);
  if (path !== null) {
    const name = path.replace(/^\//, '');
    const data = files.get(path);
    if (data === undefined) {
      return { ok: false, dropped: `image ${excerpt(name, 80)} (the file is not in the question)` };
    }
    const type = typeOfName(name) ?? 'an unknown type';
    return checked(type, data, `image ${excerpt(name, 80)}`);
  }
  const data = dataUrlPattern.exec(src);
  if (data !== null) {
    const type = data[1].trim().toLowerCase();
    if (!/;base64$/i.test(data[2])) {
      return { ok: false, dropped: `a ${type || 'data'} image that is not base64-encoded` };
    }
    return checked(type, src.slice(data[0].length).replace(/\s+/g, ''), `a ${type} image`);
  }
  if (/^https?:\/\//i.test(src)) {
    return {
      ok: false,
      dropped: `image ${excerpt(src, 80)} (on the web; DeepDrill works offline and does not fetch it)`,
    };
  }
  return { ok: false, dropped: `image ${excerpt(src, 80) || '(no source)'} (not in the file)` };
}

function checked(type: string, data: string, what: string): ImageResolution {
  if (!base64Data.test(data) || data.length % 4 === 1) {
    return { ok: false, dropped: `${what} (its data is not valid base64)` };
  }
  const bytes = decodedLength(data);
  const problem = imageProblem(type, bytes);
  if (problem !== null) return { ok: false, dropped: `${what}: ${problem}` };
  return { ok: true, dataUrl: `data:${type};base64,${data}`, bytes };
}

/** An {@link ImageSource} over a holder's files. */
export function imageSource(files: HolderFiles): ImageSource {
  return (src) => {
    const resolved = resolveImage(src, files);
    return resolved.ok ? resolved.dataUrl : null;
  };
}

/** A Markdown image: `![alt](target)` or `![alt](target "title")`. */
const markdownImage =
  /!\[((?:\\.|[^\\\]\n]){0,500})\]\(\s*<?([^\s()<>]{1,4000000})>?(?:\s+"[^"\n]*")?\s*\)/g;

/**
 * A Markdown text's images resolved through `images`: kept as `![alt](data:…)`, or, when they
 * cannot be, replaced by `[image: alt]` (what the HTML reader writes for an image it drops).
 */
export function resolveMarkdownImages(text: string, images: ImageSource): string {
  if (!text.includes('![')) return text;
  return text.replace(markdownImage, (_whole, alt: string, target: string) => {
    const url = images(target);
    if (url !== null) return `![${alt}](${url})`;
    return alt.trim() === '' ? '[image]' : `[image: ${alt}]`;
  });
}

/** The value of attribute `name` in a start tag's source. */
function tagAttribute(tag: string, name: string): string | null {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  return m === null ? null : (m[1] ?? m[2] ?? m[3] ?? '').replace(/&amp;/g, '&');
}

const mediaTag = /<(img|audio|video|source|embed|object|iframe|a)\b[^<>]*>/gi;

/**
 * What of a text and its files cannot be kept (see the module comment): one line each, e.g.
 * `audio sound.mp3`, `image big.png: 3.2 MB is larger than the 1 MB an image may have`.
 */
export function droppedContent(text: string, files: HolderFiles): string[] {
  const dropped: string[] = [];
  const used = new Set<string>();
  const note = (src: string | null) => {
    const path = src === null ? null : pluginFilePath(src.trim());
    if (path !== null) used.add(path);
    return path;
  };
  const image = (src: string) => {
    note(src);
    const resolved = resolveImage(src, files);
    if (!resolved.ok) dropped.push(resolved.dropped);
  };
  if (text.includes('<')) {
    for (const m of text.matchAll(mediaTag)) {
      const name = m[1].toLowerCase();
      const tag = m[0];
      if (name === 'img') {
        image(tagAttribute(tag, 'src') ?? '');
      } else if (name === 'a') {
        const path = note(tagAttribute(tag, 'href'));
        if (path !== null) dropped.push(`link to ${describeFile(path.replace(/^\//, ''))}`);
      } else {
        const src = tagAttribute(tag, 'src') ?? tagAttribute(tag, 'data');
        const path = note(src);
        // A <source> names its file; the <audio>/<video> around it needs no second line.
        if (src === null && (name === 'audio' || name === 'video')) continue;
        dropped.push(
          path !== null
            ? describeFile(path.replace(/^\//, ''))
            : `${name === 'source' ? 'media' : name} ${excerpt(src ?? '', 80) || '(no source)'}`,
        );
      }
    }
  }
  if (text.includes('![')) {
    for (const m of text.matchAll(markdownImage)) image(m[2]);
  }
  for (const path of files.keys()) {
    if (!used.has(path))
      dropped.push(`${describeFile(path.replace(/^\//, ''))} (attached, not shown)`);
  }
  return dropped;
}

/**
 * Moodle 1.9's question image (`<image>name</image>` and `<image_base64>`) as Moodle 2+ reads
 * it: an `<img src="@@PLUGINFILE@@/name">` after the question text and the file among the text's
 * files (a `/` in the name becomes `_`). The holder itself when the question has none.
 */
export function withLegacyImage(
  question: XmlElement,
  holder: XmlElement | undefined,
): XmlElement | undefined {
  const nameElement = firstChild(question, 'image');
  const dataElement = firstChild(question, 'image_base64');
  if (holder === undefined || nameElement === undefined || dataElement === undefined) return holder;
  const name = textContent(nameElement).trim().replace(/\//g, '_');
  const data = textContent(dataElement).replace(/\s+/g, '');
  if (name === '' || data === '') return holder;
  const textElement = firstChild(holder, 'text');
  const text = textElement === undefined ? '' : textContent(textElement);
  const img = ` <img src="${PLUGINFILE}/${encodeURIComponent(name)}" />`;
  const file: XmlElement = {
    name: 'file',
    attributes: new Map([
      ['name', name],
      ['path', '/'],
      ['encoding', 'base64'],
    ]),
    children: [data],
    line: dataElement.line,
  };
  return {
    ...holder,
    children: [
      ...holder.children.filter(
        (c) => typeof c === 'string' || (c.name !== 'text' && c.name !== 'file'),
      ),
      { name: 'text', attributes: new Map(), children: [text + img], line: holder.line },
      file,
      ...childElements(holder, 'file'),
    ],
  };
}

/**
 * What a converted question's texts carry in images, with those beyond the question's
 * {@link MAX_QUESTION_IMAGE_BYTES} replaced by `[image: alt]` (the later ones first dropped,
 * in text order: stem, options, feedback, explanation, hints) and each named in `dropped`.
 */
export function limitQuestionImages<T extends object>(
  item: T,
): { readonly item: T; readonly dropped: readonly string[] } {
  let total = 0;
  const dropped: string[] = [];
  const limit = (text: string): string => {
    const images = embeddedImages(text);
    if (images.length === 0) return text;
    let out = '';
    let at = 0;
    for (const image of images) {
      total += image.bytes;
      if (total <= MAX_QUESTION_IMAGE_BYTES) continue;
      // `![alt](` ends just before the data URL: the alt text is what the image is replaced by.
      const open = text.lastIndexOf('![', image.start);
      const alt = text.slice(open + 2, image.start - 2);
      out += `${text.slice(at, open)}${alt.trim() === '' ? '[image]' : `[image: ${alt}]`}`;
      at = image.start + image.length + 1;
      const kind = image.mimeType.replace(/^image\//, '').toUpperCase();
      dropped.push(
        `a ${kind} image of ${formatBytes(image.bytes)} (over the ${formatBytes(MAX_QUESTION_IMAGE_BYTES)} one question's images may have)`,
      );
    }
    return out + text.slice(at);
  };
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') return limit(value);
    if (Array.isArray(value)) return value.map(walk);
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
    }
    return value;
  };
  if (!JSON.stringify(item).includes('data:image/')) return { item, dropped };
  return { item: walk(item) as T, dropped };
}

/**
 * Everything a Moodle XML question's texts and files hold that its conversion cannot keep: each
 * text holder (any element with a `<text>` child, or `<file>`s) checked by
 * {@link droppedContent}; plain-text answers (numerical, short answer) are not read for markup.
 */
export function droppedFromMoodleQuestion(question: XmlElement): string[] {
  const dropped: string[] = [];
  const visit = (element: XmlElement, depth: number) => {
    const text = firstChild(element, 'text');
    if (text !== undefined || childElements(element, 'file').length > 0) {
      const source = text === undefined ? '' : textContent(text);
      dropped.push(...droppedContent(source, holderFiles(element)));
    }
    if (depth < 4) for (const child of childElements(element)) visit(child, depth + 1);
  };
  for (const child of childElements(question)) {
    if (child.name === 'name' || child.name === 'tags') continue;
    const holder = child.name === 'questiontext' ? withLegacyImage(question, child) : child;
    if (holder !== undefined) visit(holder, 1);
  }
  return dropped;
}

/** Extension a file of an embedded image type is written with. */
const extensionByType: Readonly<Record<string, string>> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

/**
 * A text's embedded images as Moodle XML writes files (`write_files`): each data URL replaced by
 * `@@PLUGINFILE@@/image-N.ext` and the `<file name="image-N.ext" path="/" encoding="base64">`
 * elements to put in the text's holder, so Moodle stores them as the question's own files (and
 * this reader reads them back as the same images).
 */
export function imagesAsMoodleFiles(text: string): {
  readonly text: string;
  readonly files: string;
} {
  const images = embeddedImages(text);
  if (images.length === 0) return { text, files: '' };
  let out = '';
  let at = 0;
  const files: string[] = [];
  for (const [k, image] of images.entries()) {
    const name = `image-${k + 1}.${extensionByType[image.mimeType] ?? 'bin'}`;
    const url = text.slice(image.start, image.start + image.length);
    const data = url.slice(url.indexOf(',') + 1);
    out += `${text.slice(at, image.start)}${PLUGINFILE}/${name}`;
    at = image.start + image.length;
    files.push(`<file name="${name}" path="/" encoding="base64">${data}</file>`);
  }
  return { text: out + text.slice(at), files: files.join('') };
}
