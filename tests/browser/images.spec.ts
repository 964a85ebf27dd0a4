/**
 * Images of an imported Moodle XML question in Chromium: imported through the import screen
 * (which names what was dropped: the audio file), then shown in the bank preview and a practice
 * quiz as real images (decoded: naturalWidth is the PNG's width), under the app's CSP.
 */
import { expect, test } from './fixtures';
import { expectAccessible, goTo, openApp } from './helpers';

/** A 12×8 red PNG and a 40×20 blue one (see db/interop/embedded-files.test.ts). */
const RED_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAwAAAAICAIAAABChommAAAAEUlEQVR4nGM4ISdHEDGMKgIAojBhgcEzWZQAAAAASUVORK5CYII=';
const BLUE_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAACgAAAAUCAIAAABwJOjsAAAAJElEQVR4nGOQqzgxIIhh1OJRi0ctHrV41OJRi0ctHrV45FgMANKERf3299BBAAAAAElFTkSuQmCC';

const quizXml = `<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category"><category><text>$course$/top/Pictures</text></category></question>
  <question type="multichoice">
    <name><text>Blue plot</text></name>
    <questiontext format="html">
      <text><![CDATA[<p>Which activation is plotted in blue?</p><p><img src="@@PLUGINFILE@@/blue%20plot.png" alt="A blue plot"></p>]]></text>
      <file name="blue plot.png" path="/" encoding="base64">${BLUE_PNG}</file>
    </questiontext>
    <generalfeedback format="html">
      <text><![CDATA[<p>Listen: <audio controls><source src="@@PLUGINFILE@@/why.mp3"></audio></p>]]></text>
      <file name="why.mp3" path="/" encoding="base64">SUQzBAAAAAAA</file>
    </generalfeedback>
    <single>true</single>
    <shuffleanswers>false</shuffleanswers>
    <answer fraction="100" format="html">
      <text><![CDATA[ReLU <img src="@@PLUGINFILE@@/red.png" alt="red bar">]]></text>
      <file name="red.png" path="/" encoding="base64">${RED_PNG}</file>
      <feedback format="html"><text>Yes.</text></feedback>
    </answer>
    <answer fraction="0" format="html">
      <text>Sigmoid</text>
      <feedback format="html"><text>No.</text></feedback>
    </answer>
  </question>
</quiz>
`;

test('an imported question’s images show in the preview and the quiz; dropped audio is named', async ({
  page,
  app,
}) => {
  await openApp(page, app);
  await goTo(page, 'Bank');
  await page.getByLabel('Bank file').setInputFiles({
    name: 'pictures.xml',
    mimeType: 'application/xml',
    buffer: Buffer.from(quizXml),
  });
  const report = page.getByTestId('import-report');
  await expect(report).toContainText('Import finished');
  await expect(report.getByTestId('import-dropped')).toBeVisible();
  await expect(report).toContainText('quiz/question[2]: Blue plot — without audio why.mp3');
  await expectAccessible(page, 'the import report with dropped content');
  await page.screenshot({ path: '/tmp/helper16-images-import.png', fullPage: true });

  /** What the checks read of an <img> (the test tsconfig has no DOM types). */
  type DecodedImage = { naturalWidth: number; naturalHeight: number; complete: boolean };

  await page.getByRole('searchbox', { name: 'Search' }).fill('plotted in blue');
  const row = page.locator('ul.results > li').filter({ hasText: 'Which activation' });
  await expect(row).toHaveCount(1);
  await row.getByRole('button').click();
  const preview = page.getByTestId('preview');
  const stemImage = preview.getByRole('img', { name: 'A blue plot' });
  await expect(stemImage).toBeVisible();
  // Decoded by Chromium under the app's CSP (img-src data:): the PNG's own size.
  await expect.poll(() => stemImage.evaluate((img: DecodedImage) => img.naturalWidth)).toBe(40);

  await page.getByRole('button', { name: 'Practise this question' }).click();
  const question = page.locator('.question');
  const inQuiz = question.getByRole('img', { name: 'A blue plot' });
  await expect(inQuiz).toBeVisible();
  const sizes = await inQuiz.evaluate((img: DecodedImage) => [
    img.naturalWidth,
    img.naturalHeight,
    img.complete,
  ]);
  expect(sizes).toEqual([40, 20, true]);
  const optionImage = question.getByRole('img', { name: 'red bar' });
  await expect.poll(() => optionImage.evaluate((img: DecodedImage) => img.naturalWidth)).toBe(12);
  await expectAccessible(page, 'a practice question with images');
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await page.waitForTimeout(300);
    await page.screenshot({ path: `/tmp/helper16-images-quiz-${theme}.png` });
  }
});
