/**
 * Pictures in real Chromium: the training curves under a stem, the transposed-convolution grid,
 * the pooling windows with their switches and the normalization axes in the worked solution,
 * each an SVG image named by its text alternative, drawn from the variant's own numbers, with no
 * axe violation, in light and dark. During an exam no solution picture reaches the page.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import type { QuizState } from '../../electron/contract';
import type { AppServer } from './fixtures';
import { expect, test } from './fixtures';
import { callApi, expectAccessible, openApp, shootEach, sizes } from './helpers';

const topics = {
  curves: { id: 'fig-curves', title: 'Figures: training curves' },
  grid: { id: 'fig-grid', title: 'Figures: transposed convolution' },
  grid1d: { id: 'fig-grid-1d', title: 'Figures: 1-D transposed convolution' },
  pooling: { id: 'fig-pooling', title: 'Figures: pooling' },
  norm: { id: 'fig-norm', title: 'Figures: normalization axes' },
} as const;

function templateItem(
  id: string,
  topic: string,
  template: string,
  form: 'mcq' | 'numeric',
  params: Record<string, string | number>,
) {
  return {
    id,
    topic,
    type: 'template',
    template,
    form,
    params,
    difficulty: 3,
    tags: [],
    source: 'browser test',
  };
}

const figuresPack = {
  format: 'deepdrill-bank',
  version: 1,
  id: 'figures-pack',
  title: 'Figures pack',
  license: 'CC0-1.0',
  topics: Object.values(topics),
  items: [
    templateItem('curves', topics.curves.id, 'training-curves', 'numeric', {
      train: '2,1.5,1.1,0.8,0.6,0.5,0.45,0.4',
      validation: '2.1,1.7,1.3,1.1,1,1.05,1.2,1.4',
      patience: 2,
      ask: 'stop',
      metric: 'loss',
    }),
    templateItem('grid', topics.grid.id, 'conv-transpose2d', 'numeric', {
      x: '1,2;3,4',
      w: '1,0,1;0,1,0;1,0,1',
      stride: 2,
      padding: 1,
    }),
    templateItem('grid-1d', topics.grid1d.id, 'conv-transpose1d', 'numeric', { preset: 'source' }),
    templateItem('pooling', topics.pooling.id, 'maxpool-unpool', 'numeric', {
      map: '1,5,2,0;3,2,8,1;0,4,6,9;7,1,3,2',
      pooled: '10,20;30,40',
      show: 'map',
    }),
    templateItem('norm', topics.norm.id, 'norm-axes', 'mcq', {
      level: 3,
      norm: 'group',
      ask: 'axes',
    }),
  ],
};

const stemFigure = (page: Page) => page.locator('.question-card .question figure[data-figure]');
const solutionFigure = (page: Page) =>
  page.locator('.question-card .feedback .solution figure[data-figure]');
const texts = (locator: Locator) => locator.allTextContents();

async function importFiguresPack(app: AppServer): Promise<void> {
  const report = await callApi(app, 'importBank', {
    fileName: 'figures.json',
    content: JSON.stringify(figuresPack),
  });
  expect(report.ok, JSON.stringify(report.problems)).toBe(true);
}

/** Starts a one-question practice quiz on `topic` and opens it in the page. */
async function practise(page: Page, app: AppServer, topic: string): Promise<QuizState> {
  await importFiguresPack(app);
  const state = await callApi(app, 'startQuiz', {
    mode: 'practice',
    selection: 'topics',
    topics: [topic],
    count: 1,
  });
  await openApp(page, app);
  await page
    .getByRole('region', { name: /Unfinished quiz/ })
    .getByRole('button', { name: /^Resume / })
    .click();
  await expect(page.locator('#question-heading')).toContainText('Question 1 of 1');
  return state;
}

async function check(page: Page, answer: string): Promise<void> {
  await page.getByLabel('Your answer').fill(answer);
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(page.locator('.question-card .feedback .verdict')).toHaveText(/Correct/);
}

const bothThemes = [
  ['light', sizes.large],
  ['dark', sizes.large],
] as const;

test('training curves under the stem: axes, ticks, legend; the solution marks where early stopping stops', async ({
  page,
  app,
}) => {
  await practise(page, app, topics.curves.id);
  const figure = stemFigure(page);
  const chart = figure.getByRole('img', {
    name: /^Line chart of loss against epoch, epochs 1 to 8\. Values by epoch from 1: training loss: 2, 1\.5, 1\.1/,
  });
  await expect(chart).toBeVisible();
  // A dot per epoch on each curve, and a labelled tick per epoch.
  await expect(figure.locator('[data-series="training loss"] circle')).toHaveCount(8);
  await expect(figure.locator('[data-series="validation loss"] circle')).toHaveCount(8);
  expect(await texts(figure.locator('.x-tick'))).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
  // Values 0.4…2.1: round ticks of 0.5 from 0 to 2.5 cover them.
  expect(await texts(figure.locator('text.axis.num:not(.x-tick)'))).toEqual([
    '0.0',
    '0.5',
    '1.0',
    '1.5',
    '2.0',
    '2.5',
  ]);
  await expect(figure.locator('.legend')).toHaveText(/training loss\s*validation loss/);
  // The stem's figure does not give the answer away: nothing is marked yet.
  await expect(figure.locator('.marker')).toHaveCount(0);
  await expectAccessible(page, 'training curves in the stem');
  await shootEach(page, 'figures-curves-stem', bothThemes);

  // Validation loss by hand: best 1.0 at epoch 5; epochs 6 (1.05) and 7 (1.2) do not improve,
  // so patience 2 runs out after epoch 7 and the weights of epoch 5 come back.
  await check(page, '7');
  const solution = solutionFigure(page);
  await expect(solution.getByRole('img', { name: /Marked: epoch 5, best epoch/ })).toBeVisible();
  await expect(solution.locator('.marker[data-epoch="5"]')).toHaveText(
    'epoch 5: best epoch, weights restored',
  );
  await expect(solution.locator('.marker[data-epoch="7"]')).toHaveText(
    'epoch 7: stop, patience 2 used up',
  );
  await expect(solution.locator('.legend')).toContainText('marked epoch');
  await expectAccessible(page, 'training curves in the worked solution');
  await solution.scrollIntoViewIfNeeded();
  await shootEach(page, 'figures-curves-solution', bothThemes, false);
});

test('2-D transposed convolution: the full output grid with its overlaps and the cropped border', async ({
  page,
  app,
}) => {
  await practise(page, app, topics.grid.id);
  // The grid is the worked solution: the stem has no picture.
  await expect(stemFigure(page)).toHaveCount(0);
  // By hand: y[r][c] = Σ x[i][j]·w[r − 2i][c − 2j]; the full output is (2 − 1)·2 + 3 = 5 wide.
  // Centre (2, 2) = 1·1 + 2·1 + 3·1 + 4·1 = 10; (1, 1) = 1·w11 = 1, (1, 3) = 2, (3, 1) = 3,
  // (3, 3) = 4, the rest of the kept 3×3 is 0. Padding 1 crops the border.
  await check(page, '1, 0, 2, 0, 10, 0, 3, 0, 4');
  const figure = solutionFigure(page);
  await expect(
    figure.getByRole('img', { name: /^Full 5 by 5 output of a transposed convolution, stride 2/ }),
  ).toBeVisible();
  await expect(figure.locator('rect.out-cell')).toHaveCount(25);
  await expect(figure.locator('rect.out-cell.cropped')).toHaveCount(16);
  await expect(figure.locator('rect.frame')).toHaveCount(1);
  // Copies overlap on row 2 and column 2 (kernel 3 at stride 2): 5 + 5 − 1 = 9 cells, the
  // centre with all four.
  await expect(figure.locator('text.copies')).toHaveCount(9);
  expect((await texts(figure.locator('text.copies'))).filter((t) => t === '×4')).toHaveLength(1);
  await expect(figure.locator('text.num.strong', { hasText: /^10$/ })).toHaveCount(1);
  await expect(figure.locator('.legend')).toContainText('cropped away (padding 1)');
  await expectAccessible(page, 'transposed convolution grid');
  await figure.scrollIntoViewIfNeeded();
  await shootEach(page, 'figures-conv-transpose2d', bothThemes, false);
});

test('1-D transposed convolution: one row per input value, overlapping columns shaded', async ({
  page,
  app,
}) => {
  await practise(page, app, topics.grid1d.id);
  await expect(stemFigure(page)).toHaveCount(0);
  // By hand: x = [5, 4, 3, 2, 1] scatters f = [1, 2, 3, 4] from columns 0, 2, 4, 6, 8 (stride 2),
  // so (5 − 1)·2 + 4 = 12 columns; column c sums x_i·f_(c − 2i): 5·1, 5·2, 5·3 + 4·1,
  // 5·4 + 4·2, 4·3 + 3·1, 4·4 + 3·2, 3·3 + 2·1, 3·4 + 2·2, 2·3 + 1·1, 2·4 + 1·2, 1·3, 1·4.
  // Columns 2–9 get two copies each.
  await check(page, '5, 10, 19, 28, 15, 22, 11, 16, 7, 10, 3, 4');
  const figure = solutionFigure(page);
  await expect(
    figure.getByRole('img', { name: /^Contribution grid of a transposed convolution, stride 2/ }),
  ).toBeVisible();
  await expect(figure.locator('rect.cell.sum')).toHaveCount(12);
  // Four products per input value, five rows.
  await expect(figure.locator('rect.cell.product')).toHaveCount(20);
  await expect(figure.locator('rect.band.overlap')).toHaveCount(8);
  expect(await texts(figure.locator('text.sum-value'))).toEqual([
    '5',
    '10',
    '19',
    '28',
    '15',
    '22',
    '11',
    '16',
    '7',
    '10',
    '3',
    '4',
  ]);
  await expectAccessible(page, '1-D contribution grid');
  await figure.scrollIntoViewIfNeeded();
  await shootEach(page, 'figures-conv-transpose1d', bothThemes, false);
});

test('pooling: the windows under the stem, the switches and the unpooled map in the solution', async ({
  page,
  app,
}) => {
  await practise(page, app, topics.pooling.id);
  const stem = stemFigure(page);
  await expect(stem.getByRole('img', { name: /^Feature map X: a 4 by 4 map/ })).toBeVisible();
  await expect(stem.locator('rect.map-cell')).toHaveCount(16);
  await expect(stem.locator('rect.window')).toHaveCount(4);
  // No switch is shown before the answer.
  await expect(stem.locator('.switch')).toHaveCount(0);
  await expectAccessible(page, 'pooling windows in the stem');
  await stem.scrollIntoViewIfNeeded();
  await shootEach(page, 'figures-pooling-stem', bothThemes, false);

  // By hand: the windows' maxima are 5 at (0, 1), 8 at (1, 2), 7 at (3, 0), 9 at (2, 3); P's
  // 10, 20, 30, 40 go back to those cells.
  await check(page, '0, 10, 0, 0, 0, 0, 20, 0, 0, 0, 0, 40, 30, 0, 0, 0');
  const figure = solutionFigure(page);
  await expect(
    figure.getByRole('img', { name: /Highlighted switch of each window/ }),
  ).toBeVisible();
  // Row by row on the page: (0, 1) = 5, (1, 2) = 8, (2, 3) = 9, (3, 0) = 7.
  const switchTexts = figure.locator('text.num.strong');
  expect((await texts(switchTexts)).slice(0, 4)).toEqual(['5', '8', '9', '7']);
  expect((await texts(switchTexts)).slice(4)).toEqual(['10', '20', '40', '30']);
  await expect(figure.locator('rect.map-cell.switch')).toHaveCount(4);
  await expect(figure.locator('rect.output-cell.switch')).toHaveCount(4);
  await expect(figure.locator('.legend')).toContainText(
    'switch: the cell of each window’s maximum',
  );
  await expectAccessible(page, 'pooling switches in the worked solution');
  await figure.scrollIntoViewIfNeeded();
  await shootEach(page, 'figures-pooling-solution', bothThemes, false);
});

test('group norm: the block of the variant’s shape with one group of one sample shaded', async ({
  page,
  app,
}) => {
  const state = await practise(page, app, topics.norm.id);
  const stem = state.items[0].stem;
  const match = /= (\d+) \\times (\d+) \\times (\d+) \\times (\d+)/.exec(stem);
  const groups = Number(/\$G = (\d+)\$/.exec(stem)?.[1]);
  if (match === null || !groups) throw new Error(`no shape or groups in the stem: ${stem}`);
  const [n, c, h, w] = match.slice(1).map(Number);
  await expect(stemFigure(page)).toHaveCount(0);

  await page.locator('.question .option').first().click();
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  const figure = solutionFigure(page);
  await expect(
    figure.getByRole('img', {
      name: new RegExp(`^A block of shape N × C × H × W = ${n} × ${c} × ${h} × ${w}`),
    }),
  ).toBeVisible();
  await expect(figure.locator('text.title')).toHaveText(
    `Group norm · N × C × H × W = ${n} × ${c} × ${h} × ${w}`,
  );
  // One brace per group, and the note says how the channels split.
  expect((await texts(figure.locator('text.axis'))).filter((t) => /^group \d+$/.test(t))).toEqual(
    Array.from({ length: groups }, (_, g) => `group ${g}`),
  );
  await expect(figure.locator('.note')).toContainText(
    `The ${c} channels form ${groups} groups of ${c / groups}.`,
  );
  // The axes end at the variant's last sample and channel.
  const labels = await texts(figure.locator('text.axis.num'));
  expect(labels).toContain(String(n - 1));
  expect(labels).toContain(String(c - 1));
  // Every shaded cell is in sample 0's column, and none lies past group 0's rows.
  const shaded = figure.locator('rect.block-cell.pooled');
  const xs = new Set(await shaded.evaluateAll((cells) => cells.map((e) => e.getAttribute('x'))));
  expect(xs.size).toBe(1);
  const firstColumn = await figure
    .locator('rect.block-cell')
    .first()
    .evaluate((e) => e.getAttribute('x'));
  expect([...xs]).toEqual([firstColumn]);
  const cells = await figure.locator('rect.block-cell').count();
  expect(await shaded.count()).toBeLessThan(cells);
  await expectAccessible(page, 'norm axes block');
  await figure.scrollIntoViewIfNeeded();
  await shootEach(page, 'figures-norm-axes', bothThemes, false);
});

test('exam: the stem picture only while it runs; solution pictures appear in the review', async ({
  page,
  app,
}) => {
  await importFiguresPack(app);
  await callApi(app, 'startQuiz', {
    mode: 'exam',
    selection: 'topics',
    topics: [topics.pooling.id, topics.grid.id],
    count: 2,
    durationMinutes: 10,
  });
  // A running exam opens by itself.
  await page.goto(app.url);
  let poolingStems = 0;
  for (let q = 1; q <= 2; q++) {
    await expect(page.locator('#question-heading')).toContainText(`Question ${q} of 2`);
    poolingStems += await page.locator('figure[data-figure="pooling"]').count();
    // Only the pooling stem has a picture, and it shows no switch; no grid, no solution.
    await expect(page.locator('figure[data-figure="conv-transpose-grid"]')).toHaveCount(0);
    await expect(page.locator('.switch')).toHaveCount(0);
    await expect(page.locator('.solution')).toHaveCount(0);
    await page.getByLabel('Your answer').fill('1');
    if (q < 2) await page.getByRole('button', { name: /^Next/ }).click();
  }
  expect(poolingStems).toBe(1);
  await page.getByRole('button', { name: 'Submit…' }).click();
  await page
    .getByRole('dialog', { name: /Submit this/ })
    .getByRole('button', { name: 'Submit now' })
    .click();
  await expect(page.getByRole('heading', { name: 'Questions and worked solutions' })).toBeVisible();
  const review = page.locator('article.review-item');
  await expect(review.locator('.solution figure[data-figure="conv-transpose-grid"]')).toHaveCount(
    1,
  );
  await expect(review.locator('.solution figure[data-figure="pooling"] rect.switch')).toHaveCount(
    8,
  );
  // The pictures themselves (the review page as a whole is screens.spec's).
  const axe = await new AxeBuilder({ page })
    .include('figure[data-figure]')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  expect(axe.passes.length).toBeGreaterThan(0);
});
