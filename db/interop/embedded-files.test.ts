/**
 * Embedded images and other files in Moodle XML and GIFT, read as Moodle reads them
 * (`question/format/xml/format.php`: `import_text_with_files`, `import_files_as_draft`, and the
 * Moodle 1.9 `<image>` / `<image_base64>` fallback of `import_headers`). Each fixture is written
 * here after the files Moodle's export writes (`write_files`: `<file name path
 * encoding="base64">`), with the Markdown expected by hand.
 */
import { describe, expect, it } from 'vitest';
import { readBankText } from '../bank/read-file';
import type { BankItemInput, BankPack } from '../bank/schema';
import { samplePack } from '../bank/test-fixtures';
import { validatePack } from '../bank/validate';
import { summarizeStem } from '../queries/questions';
import { packToGift, packToMoodleXml } from './export';
import { parseGift } from './gift';
import { parseMoodleXml } from './moodle-xml';
import { droppedContent, resolveMarkdownImages, imageSource } from './embedded-files';

/** A 12×8 red PNG (74 bytes), a 40×20 blue one (93 bytes) and a 1×1 GIF (43 bytes). */
export const RED_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAwAAAAICAIAAABChommAAAAEUlEQVR4nGM4ISdHEDGMKgIAojBhgcEzWZQAAAAASUVORK5CYII=';
export const BLUE_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAACgAAAAUCAIAAABwJOjsAAAAJElEQVR4nGOQqzgxIIhh1OJRi0ctHrV41OJRi0ctHrV45FgMANKERf3299BBAAAAAElFTkSuQmCC';
const GIF = 'R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==';

const options = { bankId: 'pics-xml', title: 'pics', fileName: 'pics.xml' };

function quiz(...questions: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n${questions.join('\n')}\n</quiz>\n`;
}

/** A multichoice question whose stem, answers, feedback and general feedback carry files. */
const withFiles = `
  <question type="category"><category><text>$course$/top/Week 3/Activations</text></category></question>
  <question type="multichoice">
    <name><text>Read the plot</text></name>
    <questiontext format="html">
      <text><![CDATA[<p>Which activation is drawn here?</p><p><img src="@@PLUGINFILE@@/relu%20plot.png" alt="A plot" width="120" height="80" /></p>]]></text>
      <file name="relu plot.png" path="/" encoding="base64">${RED_PNG}</file>
    </questiontext>
    <generalfeedback format="html">
      <text><![CDATA[<p>Listen: <audio controls="true"><source src="@@PLUGINFILE@@/explain.mp3">explain.mp3</audio></p><p>See also <img src="https://example.org/chart.png" alt="web chart"></p>]]></text>
      <file name="explain.mp3" path="/" encoding="base64">SUQzBAAAAAAA</file>
    </generalfeedback>
    <defaultgrade>1</defaultgrade>
    <penalty>0.3333333</penalty>
    <hidden>0</hidden>
    <single>true</single>
    <shuffleanswers>true</shuffleanswers>
    <answernumbering>abc</answernumbering>
    <answer fraction="100" format="html">
      <text><![CDATA[<p>ReLU <img src="@@PLUGINFILE@@/dot.gif" alt=""></p>]]></text>
      <file name="dot.gif" path="/" encoding="base64">${GIF}</file>
      <feedback format="html">
        <text><![CDATA[<p>Yes: <img src="@@PLUGINFILE@@/blue.png" alt="blue bar"></p>]]></text>
        <file name="blue.png" path="/" encoding="base64">${BLUE_PNG}</file>
      </feedback>
    </answer>
    <answer fraction="0" format="html">
      <text><![CDATA[<p>Sigmoid <img src="@@PLUGINFILE@@/curve.svg" alt="curve"></p>]]></text>
      <file name="curve.svg" path="/" encoding="base64">PHN2Zz48L3N2Zz4=</file>
      <file name="notes.pdf" path="/" encoding="base64">JVBERi0=</file>
      <feedback format="html"><text></text></feedback>
    </answer>
  </question>`;

describe('Moodle XML files', () => {
  it('keeps the images of the stem, answers and feedback as data URLs, as Moodle shows them', () => {
    const result = parseMoodleXml(quiz(withFiles), options);
    expect(result.problems).toEqual([]);
    const item = result.pack?.items[0];
    if (item?.type !== 'mcq') throw new Error('expected an mcq');
    expect(item.stem).toBe(
      `Which activation is drawn here?\n\n![A plot](data:image/png;base64,${RED_PNG})`,
    );
    expect(item.options[0].text).toBe(`ReLU ![](data:image/gif;base64,${GIF})`);
    expect(item.options[0].feedback).toBe(`Yes: ![blue bar](data:image/png;base64,${BLUE_PNG})`);
    // SVG is refused (it can carry script), so its alt text stands in for it.
    expect(item.options[1].text).toBe('Sigmoid [image: curve]');
    // The audio element's own fallback text is kept; the web image becomes its alt text.
    expect(item.explanation).toBe('Listen: explain.mp3\n\nSee also [image: web chart]');
  });

  it('names every dropped content with its question: audio, web image, SVG, unused file', () => {
    const result = parseMoodleXml(quiz(withFiles), options);
    expect(result.dropped).toEqual([
      { position: 'quiz/question[2]', title: 'Read the plot', what: 'audio explain.mp3' },
      {
        position: 'quiz/question[2]',
        title: 'Read the plot',
        what: 'image https://example.org/chart.png (on the web; DeepDrill works offline and does not fetch it)',
      },
      {
        position: 'quiz/question[2]',
        title: 'Read the plot',
        what: 'image curve.svg: SVG images are not embedded (they can carry script); use PNG',
      },
      {
        position: 'quiz/question[2]',
        title: 'Read the plot',
        what: 'file notes.pdf (attached, not shown)',
      },
    ]);
    expect(result.droppedCount).toBe(4);
  });

  it('reads Moodle 1.9 <image>/<image_base64> as an image after the question text', () => {
    // As import_headers: ' <img src="@@PLUGINFILE@@/NAME" />' appended, "/" in the name as "_".
    const old = `
  <question type="multichoice">
    <name><text>mcq with image</text></name>
    <questiontext format="html">
      <text><![CDATA[This is a multichoice question with an image in the old &quot;image&quot; field]]></text>
    </questiontext>
    <image>pics/moodle.png</image>
    <image_base64>
${RED_PNG}
    </image_base64>
    <single>true</single>
    <answer fraction="0"><text>wrong answer</text></answer>
    <answer fraction="100"><text>right answer</text></answer>
  </question>`;
    const result = parseMoodleXml(quiz(old), options);
    expect(result.problems).toEqual([]);
    expect(result.pack?.items[0].stem).toBe(
      `This is a multichoice question with an image in the old "image" field ![](data:image/png;base64,${RED_PNG})`,
    );
    expect(result.dropped).toBeUndefined();
  });

  it('takes the first of two files with the same path, as import_files_as_draft does', () => {
    const twice = `
  <question type="truefalse">
    <name><text>twice</text></name>
    <questiontext format="html">
      <text><![CDATA[Is this red? <img src="@@PLUGINFILE@@/a.png">]]></text>
      <file name="a.png" path="/" encoding="base64">${RED_PNG}</file>
      <file name="a.png" path="/" encoding="base64">${BLUE_PNG}</file>
    </questiontext>
    <answer fraction="100"><text>true</text></answer>
    <answer fraction="0"><text>false</text></answer>
  </question>`;
    const result = parseMoodleXml(quiz(twice), options);
    expect(result.pack?.items[0].stem).toBe(`Is this red? ![](data:image/png;base64,${RED_PNG})`);
  });

  it('drops an image over 1 MiB, and a question’s images beyond 2 MiB, naming each', () => {
    // 1.5 MiB and three of 0.9 MiB (922 kB): base64 has 4 characters per 3 bytes.
    const big = 'A'.repeat((1.5 * 1024 * 1024 * 4) / 3);
    const nine = 'A'.repeat(Math.ceil(943_718 / 3) * 4);
    const file = (name: string, data: string) =>
      `<file name="${name}" path="/" encoding="base64">${data}</file>`;
    const q = `
  <question type="multichoice">
    <name><text>heavy</text></name>
    <questiontext format="html">
      <text><![CDATA[<img src="@@PLUGINFILE@@/big.png"> and <img src="@@PLUGINFILE@@/n1.png" alt="one">]]></text>
      ${file('big.png', big)}${file('n1.png', nine)}
    </questiontext>
    <single>true</single>
    <answer fraction="100" format="html"><text><![CDATA[<img src="@@PLUGINFILE@@/n2.png" alt="two">]]></text>${file('n2.png', nine)}</answer>
    <answer fraction="0" format="html"><text><![CDATA[<img src="@@PLUGINFILE@@/n3.png" alt="three">]]></text>${file('n3.png', nine)}</answer>
  </question>`;
    const result = parseMoodleXml(quiz(q), options);
    expect(result.problems).toEqual([]);
    const item = result.pack?.items[0];
    if (item?.type !== 'mcq') throw new Error('expected an mcq');
    // 1 258 292 characters decode to 943 719 bytes; two of them (1.8 MiB) fit, the third does not.
    expect(item.stem).toBe(`[image] and ![one](data:image/png;base64,${nine})`);
    expect(item.options[0].text).toBe(`![two](data:image/png;base64,${nine})`);
    expect(item.options[1].text).toBe('[image: three]');
    expect(result.dropped?.map((d) => d.what)).toEqual([
      'image big.png: 1.5 MB is larger than the 1 MB an image may have',
      "a PNG image of 922 kB (over the 2 MB one question's images may have)",
    ]);
  });
});

describe('GIFT images', () => {
  it('keeps a data-URL <img> of an [html] text, escaped as Moodle’s export writes it', () => {
    const gift =
      '::Pooling picture::[html]<p>What does this pooling show?</p>' +
      `<p><img src\\="data\\:image/png;base64,${RED_PNG.replace(/=/g, '\\=')}" alt\\="pool"></p>` +
      '{=max~average}\n';
    const result = parseGift(gift, { bankId: 'g-gift', title: 'g' });
    expect(result.problems).toEqual([]);
    expect(result.pack?.items[0].stem).toBe(
      `What does this pooling show?\n\n![pool](data:image/png;base64,${RED_PNG})`,
    );
    expect(result.dropped).toBeUndefined();
  });

  it('reports a web image and an embedded video of a kept question, with its line', () => {
    const gift =
      '// a comment\n::web::<img src\\="https\\://example.org/x.png" alt\\="x"> ' +
      '<video src\\="https\\://example.org/v.mp4"></video> Which? {=a ~b}\n';
    const result = parseGift(gift, { bankId: 'g-gift', title: 'g' });
    expect(result.pack?.items[0].stem).toBe('[image: x] Which?');
    expect(result.dropped).toEqual([
      {
        position: 'line 2',
        title: 'web',
        what: 'image https://example.org/x.png (on the web; DeepDrill works offline and does not fetch it)',
      },
      { position: 'line 2', title: 'web', what: 'video https://example.org/v.mp4' },
    ]);
  });

  it('keeps a Markdown image with a data URL in a [markdown] text', () => {
    const gift = `::md::[markdown]Look\\: ![dot](data\\:image/gif;base64,${GIF.replace(/=/g, '\\=')}) {T}\n`;
    const result = parseGift(gift, { bankId: 'g-gift', title: 'g' });
    expect(result.problems).toEqual([]);
    expect(result.pack?.items[0].stem).toBe(`Look: ![dot](data:image/gif;base64,${GIF})`);
  });
});

describe('dropped content and Markdown images', () => {
  it('lists a link to a file, an iframe and an image whose file is missing', () => {
    expect(
      droppedContent(
        '<a href="@@PLUGINFILE@@/slides.pdf">slides</a> <iframe src="https://v.example/1"></iframe> <img src="@@PLUGINFILE@@/gone.png">',
        new Map(),
      ),
    ).toEqual([
      'link to file slides.pdf',
      'iframe https://v.example/1',
      'image gone.png (the file is not in the question)',
    ]);
  });

  it('replaces a Markdown image it cannot keep by its alt text', () => {
    const resolve = imageSource(new Map([['/a.png', RED_PNG]]));
    expect(
      resolveMarkdownImages('![a](@@PLUGINFILE@@/a.png) ![web](https://x.org/b.png)', resolve),
    ).toBe(`![a](data:image/png;base64,${RED_PNG}) [image: web]`);
  });
});

describe('the pack format with images', () => {
  const pack = (stem: string) => {
    const sample = samplePack();
    sample.items[0] = { ...sample.items[0], stem } as BankItemInput;
    return sample;
  };

  it('counts the 20 000-character limit without the image data', () => {
    // 19 000 characters of text and a 300 kB image: 419 000 characters in all, accepted.
    const image = `![x](data:image/png;base64,${'A'.repeat(400_000)})`;
    expect(validatePack(pack(`${'w'.repeat(19_000)} ${image}`)).ok).toBe(true);
    const long = validatePack(pack(`${'w'.repeat(20_001)} ${image}`));
    expect(long.ok).toBe(false);
    if (!long.ok) {
      expect(long.problems[0].path).toBe('items[0].stem');
      expect(long.problems[0].message).toMatch(
        // 20 001 + the blank + `![x](` + `)`: the image's Markdown counts, its data does not.
        /^expected at most 20000 characters, got 20008 \(embedded images not counted\)$/,
      );
    }
  });

  it('refuses an SVG data URL in a pack, naming the field', () => {
    const svg = validatePack(pack('See ![s](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)'));
    expect(svg.ok).toBe(false);
    if (!svg.ok) {
      expect(svg.problems[0]).toEqual({
        path: 'items[0].stem',
        message: 'SVG images are not embedded (they can carry script); use PNG',
      });
    }
  });

  it('refuses a linked image in a pack, naming the field and the link', () => {
    // The learner would see only its description: the app shows no file from outside the bank.
    const linked = validatePack(pack('Which curve? ![loss curve](https://x.org/loss.png)'));
    expect(linked.ok).toBe(false);
    if (!linked.ok) {
      expect(linked.problems[0].path).toBe('items[0].stem');
      expect(linked.problems[0].message).toMatch(
        /^the image "https:\/\/x\.org\/loss\.png" is a link/,
      );
    }
  });

  it('hands the dropped list on through readBankText', () => {
    const reading = readBankText('pics.xml', quiz(withFiles));
    expect(reading.ok).toBe(true);
    if (reading.ok) expect(reading.droppedCount).toBe(4);
  });
});

describe('exporting images back', () => {
  const red = `![red bar](data:image/png;base64,${RED_PNG})`;
  const blue = `![](data:image/png;base64,${BLUE_PNG})`;
  const pack = (): BankPack => {
    const result = validatePack({
      ...samplePack(),
      items: [
        {
          ...samplePack().items[0],
          stem: `Which bar? ${red}`,
          options: [
            { id: 'a', text: `This one ${blue}`, feedback: `Yes: ${red}` },
            { id: 'b', text: 'That one' },
          ],
          answer: ['a'],
          explanation: `See ${blue} and ${red}`,
        } as BankItemInput,
      ],
    });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    return result.pack;
  };

  it('writes Moodle XML files with @@PLUGINFILE@@ links, read back as the same images', () => {
    const xml = packToMoodleXml(pack()).text;
    expect(xml).not.toContain('data:image');
    // The stem's one image, the option's, its feedback's, and the explanation's two.
    expect(xml).toContain(
      `<questiontext format="markdown"><text><![CDATA[Which bar? ![red bar](@@PLUGINFILE@@/image-1.png)]]></text><file name="image-1.png" path="/" encoding="base64">${RED_PNG}</file></questiontext>`,
    );
    expect(xml).toContain(
      `<text><![CDATA[See ![](@@PLUGINFILE@@/image-1.png) and ![red bar](@@PLUGINFILE@@/image-2.png)]]></text><file name="image-1.png" path="/" encoding="base64">${BLUE_PNG}</file><file name="image-2.png" path="/" encoding="base64">${RED_PNG}</file>`,
    );
    const back = parseMoodleXml(xml, options);
    expect(back.problems).toEqual([]);
    expect(back.dropped).toBeUndefined();
    const item = back.pack?.items[0];
    if (item?.type !== 'mcq') throw new Error('expected an mcq');
    expect(item.stem).toBe(`Which bar? ${red}`);
    expect(item.options.find((o) => o.text.startsWith('This one'))).toMatchObject({
      text: `This one ${blue}`,
      feedback: `Yes: ${red}`,
    });
    expect(item.explanation).toBe(`See ${blue} and ${red}`);
  });

  it('writes GIFT images as data URLs (Moodle shows question text uncleaned), read back the same', () => {
    const gift = packToGift(pack()).text;
    expect(gift).toContain(`![red bar](data\\:image/png;base64,${RED_PNG.replace(/=/g, '\\=')})`);
    const back = parseGift(gift, { bankId: 'b-gift', title: 'b' });
    expect(back.problems).toEqual([]);
    expect(back.pack?.items[0].stem).toBe(`Which bar? ${red}`);
    expect(back.pack?.items[0].explanation).toBe(`See ${blue} and ${red}`);
  });
});

describe('the bank list of a question with an image', () => {
  it('summarises the image as its alt text, not its data', () => {
    expect(summarizeStem(`![A plot](data:image/png;base64,${RED_PNG}) Which curve?`)).toBe(
      '[image: A plot] Which curve?',
    );
  });
});
