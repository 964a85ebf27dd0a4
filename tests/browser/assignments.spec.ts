/**
 * The Assignments screen of an institute build with course rules, in Chromium: 12 weekly
 * assignments under NPTEL grading (week 1 past due, week 2 open, the rest upcoming), one
 * started from the list, answered and handed in, then the score and the standing update; a
 * mock final projects the course score without counting.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, type Page } from '@playwright/test';
import { expect, startServer, tempDbPath, test as plain, type AppServer } from './fixtures';
import { expectAccessible, openApp } from './helpers';

const DAY = 86_400_000;
const shots = '/tmp/course-helper';

const questions = [
  {
    stem: 'At test time batch normalisation uses…',
    right: 'running estimates from training',
    wrong: 'the statistics of the test batch',
  },
  {
    stem: 'With inverted dropout, what happens at test time?',
    right: 'nothing: all units are kept, no rescaling',
    wrong: 'activations are multiplied by the keep probability',
  },
];

const test = base.extend<{ app: AppServer }>({
  // eslint-disable-next-line no-empty-pattern
  app: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'deepdrill-course-'));
    writeFileSync(
      join(dir, 'course-bank.json'),
      JSON.stringify({
        format: 'deepdrill-bank',
        version: 1,
        id: 'course-bank',
        title: 'Course bank',
        license: 'CC0-1.0',
        topics: [{ id: 'course-topic', title: 'Normalisation and dropout' }],
        items: questions.map((q, i) => ({
          id: `q${i + 1}`,
          topic: 'course-topic',
          type: 'mcq',
          stem: q.stem,
          options: [
            { id: 'a', text: q.wrong },
            { id: 'b', text: q.right },
          ],
          answer: ['b'],
          explanation: 'See the lecture.',
          difficulty: 2,
          tags: [],
          source: 'Course test',
        })),
      }),
    );
    // Week k opens (k − 2) weeks from now, less a day: week 1 was due yesterday, week 2 is
    // open for six more days, weeks 3–12 are upcoming.
    const start = Date.now() - 8 * DAY;
    const assignments = Array.from({ length: 12 }, (_, i) => ({
      id: `week-${i + 1}`,
      title: `Week ${i + 1}: ${i % 2 === 0 ? 'Batch normalisation' : 'Dropout'}`,
      week: i + 1,
      opensAt: new Date(start + i * 7 * DAY).toISOString(),
      dueAt: new Date(start + (i + 1) * 7 * DAY).toISOString(),
      items: ['q1', 'q2'],
      durationMinutes: 30,
    }));
    writeFileSync(
      join(dir, 'institute.json'),
      JSON.stringify({
        productName: 'DeepDrill — Course',
        appId: 'org.example.course',
        banks: ['course-bank.json'],
        includeBuiltinBank: false,
        course: {
          title: 'Deep Learning (test term)',
          assignments,
          finalExam: { count: 2, durationMinutes: 10, topics: [] },
        },
      }),
    );
    const server = await startServer(tempDbPath(), {}, [
      '--institute',
      join(dir, 'institute.json'),
    ]);
    await use(server);
    await server.stop();
  },
});

const row = (page: Page, id: string) => page.locator(`li[data-assignment="${id}"]`);

/** Answers the exam shown: every question right, or the first right and the rest wrong. */
async function answerExam(page: Page, allRight: boolean): Promise<void> {
  const cells = page.getByRole('navigation', { name: 'Questions' }).getByRole('button');
  await expect(cells.first()).toBeVisible();
  const count = await cells.count();
  for (let i = 0; i < count; i++) {
    await cells.nth(i).click();
    await expect(page.locator('#question-heading')).toContainText(`Question ${i + 1} `);
    const stem = (await page.locator('.question .stem').textContent()) ?? '';
    const q = questions.find((x) => stem.includes(x.stem))!;
    const pick = allRight || i === 0 ? q.right : q.wrong;
    await page.locator('.question .option').filter({ hasText: pick }).click();
    await expect(page.locator('.q-badges [data-save="saved"]')).toBeVisible();
  }
  await page.getByRole('button', { name: 'Submit…' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Submit now' }).click();
  await expect(page.getByRole('heading', { name: 'Questions and worked solutions' })).toBeVisible();
}

async function openAssignments(page: Page): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('button', { name: 'Assignments' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Assignments' })).toBeVisible();
}

async function shoot(page: Page, name: string, size = { width: 1280, height: 800 }) {
  mkdirSync(shots, { recursive: true });
  await page.setViewportSize(size);
  await page.mouse.move(0, 0);
  await page.waitForTimeout(150);
  await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
}

test('assignments: start one, answer, hand in, and see the score and standing update', async ({
  page,
  app,
}) => {
  test.setTimeout(120_000);
  await openApp(page, app);
  await openAssignments(page);

  await expect(row(page, 'week-1').locator('.badge')).toHaveText('Missed');
  await expect(row(page, 'week-1')).toContainText('Late work is not accepted');
  await expect(row(page, 'week-2').locator('.badge')).toHaveText('Open');
  await expect(row(page, 'week-3').locator('.badge')).toHaveText('Upcoming');
  await expect(row(page, 'week-3')).toContainText(/Opens .* · due /);
  await expect(page.getByTestId('assignment-part')).toContainText('0 / 25');
  // Nothing yet: 40 % on each of the 11 still to do makes 8 × 0.4 / 8 × 25 = 10.
  await expect(page.getByText('score at least 40% on each of the 11 assignments')).toBeVisible();
  await expect(
    page.getByText('The final exam needs at least 30 / 75 (40% of its marks).'),
  ).toBeVisible();
  await expectAccessible(page, 'assignments');
  await shoot(page, 'assignments-light-1280x800');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shoot(page, 'assignments-dark-1280x800');
  await shoot(page, 'assignments-dark-800x600', { width: 800, height: 600 });
  await expectAccessible(page, 'assignments, dark, 800×600');
  // Nothing wider than the window at 800 px.
  expect(
    await page.evaluate<number>(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    ),
  ).toBeLessThanOrEqual(0);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 800 });

  // Started from the keyboard.
  const start = page.getByRole('button', { name: 'Start Week 2: Dropout' });
  await start.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('#question-heading')).toContainText('of 2');
  await expect(page.getByRole('timer')).toBeVisible();
  // An exam: no check, no feedback before it is handed in.
  await expect(page.getByRole('button', { name: 'Check', exact: true })).toHaveCount(0);
  await answerExam(page, true);
  await expect(page.getByTestId('score')).toHaveText('2 / 2');

  await openAssignments(page);
  const week2 = row(page, 'week-2');
  await expect(week2.locator('.badge')).toHaveText('Submitted');
  await expect(week2).toContainText('Best 100%');
  await expect(week2).toContainText('1 of 1 attempt used');
  await expect(week2).toContainText('All attempts used');
  // 1 of the best 8: 1 / 8 × 25 = 3.125, shown cut to 3.12.
  await expect(page.getByTestId('assignment-part')).toContainText('3.12 / 25');
  await expect(page.getByTestId('projected-total')).toHaveText(/3\.12\s*\/ 100/);
  // Ten still to do: seven of them at a with the 1 make 1 + 7a ≥ 3.2 → a ≥ 31.4 %, so 32 %.
  await expect(page.getByText('score at least 32% on each of the 10 assignments')).toBeVisible();

  // A mock final: two questions, one right → 1/2 × 75 = 37.5; 3.125 + 37.5 = 40.625.
  await page.getByRole('button', { name: 'Take a mock final' }).click();
  await expect(page.locator('#question-heading')).toContainText('of 2');
  await answerExam(page, false);
  await openAssignments(page);
  await expect(page.getByTestId('exam-part')).toContainText('37.5 / 75');
  await expect(page.getByTestId('exam-part')).toContainText('Mock');
  await expect(page.getByTestId('projected-total')).toHaveText(/40\.62\s*\/ 100/);
  await expect(page.getByText('With this mock final score you would not pass yet.')).toBeVisible();
  // The mock changed nothing of the assignment part.
  await expect(page.getByTestId('assignment-part')).toContainText('3.12 / 25');
  await expectAccessible(page, 'assignments after work');
  await shoot(page, 'assignments-after-light-1280x800');
  await shoot(page, 'assignments-after-light-1920x1080', { width: 1920, height: 1080 });
});

plain('without course rules there is no Assignments entry', async ({ page, app }) => {
  await openApp(page, app);
  await expect(
    page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Assignments' }),
  ).toHaveCount(0);
});
