/**
 * One answer path learners can trust: answers save themselves and survive leaving the quiz,
 * open quizzes are dealt with before another starts, partial credit shows as partial, and a
 * running exam keeps other quizzes' keys shut.
 */
import type { Page } from '@playwright/test';
import type { AppServer } from './fixtures';
import { expect, test } from './fixtures';
import {
  answerTopic,
  callApi,
  expectAccessible,
  failCalls,
  goTo,
  importAnswerPack,
  openApp,
  option,
  shoot,
  shootEach,
  showQuestion,
  sizes,
} from './helpers';

const heading = (page: Page) => page.locator('#question-heading');
const saved = (page: Page) => page.locator('.q-badges [data-save="saved"]');
const openQuizzes = (page: Page) => page.getByRole('region', { name: /Unfinished quiz/ });

/** A practice quiz on the answer-path topic, started through the page. */
async function startPractice(page: Page): Promise<void> {
  await goTo(page, 'Practice');
  await page.getByRole('checkbox', { name: new RegExp(answerTopic.title) }).check();
  await page.getByLabel('Number of questions').fill('3');
  await page.getByRole('button', { name: 'Start practice' }).click();
}

/** A new practice quiz on the answer-path topic, shown at the question with `stem`. */
async function practiceAt(page: Page, app: AppServer, stem: string): Promise<void> {
  await importAnswerPack(app);
  await openApp(page, app);
  await startPractice(page);
  await showQuestion(page, stem);
}

/** A ten-minute exam of two questions on the answer-path topic. */
function startExamByApi(app: AppServer) {
  return callApi(app, 'startQuiz', {
    mode: 'exam',
    selection: 'topics',
    topics: [answerTopic.id],
    count: 2,
    durationMinutes: 10,
  });
}

async function startPracticeByApi(app: AppServer, count = 3) {
  return callApi(app, 'startQuiz', {
    mode: 'practice',
    selection: 'topics',
    topics: [answerTopic.id],
    count,
  });
}

test('a pick and a typed number survive leaving the quiz by the header and reloading the page', async ({
  page,
  app,
}) => {
  await practiceAt(page, app, 'Pick the even number');
  await expect(heading(page)).toContainText('of 3');
  // There is no save step: answers save themselves.
  await expect(page.getByRole('button', { name: 'Save', exact: true })).toHaveCount(0);
  const position = Number(/Question (\d+)/.exec((await heading(page).textContent()) ?? '')?.[1]);
  // The pick's save is slow to arrive, as on a busy machine: the dashboard, which asks for its
  // figures as it opens, still waits for it.
  await page.route('**/api/saveAnswer', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 500));
    await route.continue();
  });
  await option(page, 'Four').click();
  // Straight to the dashboard, without waiting for anything.
  await goTo(page, 'Dashboard');
  const open = openQuizzes(page);
  await expect(open).toContainText('1 of 3 questions answered');
  await page.unroute('**/api/saveAnswer');
  await open.getByRole('button', { name: /^Resume / }).click();
  await expect(heading(page)).toContainText(`Question ${position} of 3`);
  await expect(option(page, 'Four').getByRole('radio')).toBeChecked();
  await expect(saved(page)).toBeVisible();
  await expect(page.getByRole('button', { name: `Question ${position}, answered` })).toBeVisible();

  // A typed number, then the page is reloaded at once (no Enter, no leaving the field).
  await showQuestion(page, 'Type twelve and a half');
  const field = page.getByLabel('Your answer');
  await field.click();
  await page.keyboard.type('12.5');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  await expect(openQuizzes(page)).toContainText('2 of 3 questions answered');
  await openQuizzes(page)
    .getByRole('button', { name: /^Resume / })
    .click();
  await showQuestion(page, 'Type twelve and a half');
  await expect(page.getByLabel('Your answer')).toHaveValue('12.5');
  await expect(saved(page)).toBeVisible();

  // Text that is not a number yet is kept as typed, and the learner is told why it cannot score.
  await page.getByLabel('Your answer').fill('12,5x');
  await expect(page.getByText(/"x" is not part of a number/)).toBeVisible();
  await expect(saved(page)).toBeVisible();
  await goTo(page, 'Dashboard');
  await openQuizzes(page)
    .getByRole('button', { name: /^Resume / })
    .click();
  await expect(page.getByLabel('Your answer')).toHaveValue('12,5x');
});

test('starting while a quiz is open asks: resume it, finish it, or discard it', async ({
  page,
  app,
}) => {
  await importAnswerPack(app);
  const first = await startPracticeByApi(app);
  await callApi(app, 'saveAnswer', {
    sessionId: first.sessionId,
    position: 0,
    response:
      first.items[0].kind === 'numeric'
        ? { kind: 'numeric', text: '1' }
        : { kind: 'choice', optionIds: [first.items[0].options[0].id] },
  });
  await openApp(page, app);
  await expect(openQuizzes(page)).toContainText('1 of 3 questions answered');

  // Practice setup → the dialog → resume the open quiz.
  await startPractice(page);
  const dialog = page.getByRole('dialog', { name: 'A quiz is not finished' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('1 of 3 questions answered');
  await expect(dialog.getByRole('button', { name: 'Resume it' })).toBeFocused();
  await expectAccessible(page, 'open-quiz dialog');
  await dialog.getByRole('button', { name: 'Resume it' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(first.title);
  await expect(page.getByRole('button', { name: 'Question 1, answered' })).toBeVisible();

  // Escape starts nothing.
  await startPractice(page);
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: 'Practice' })).toBeVisible();
  expect(await callApi(app, 'listOpenQuizzes')).toHaveLength(1);

  // Discard it and start: the first quiz is gone, not graded, not in the history.
  await page.getByRole('button', { name: 'Start practice' }).click();
  await dialog.getByRole('button', { name: 'Discard it and start' }).click();
  await expect(heading(page)).toContainText('Question 1 of 3');
  const afterDiscard = await callApi(app, 'listOpenQuizzes');
  expect(afterDiscard).toHaveLength(1);
  expect(afterDiscard[0].sessionId).not.toBe(first.sessionId);
  expect((await callApi(app, 'listHistory')).map((q) => q.sessionId)).not.toContain(
    first.sessionId,
  );

  // The dashboard's recommended quiz → finish it and start: the second is handed in.
  const second = afterDiscard[0].sessionId;
  await goTo(page, 'Dashboard');
  await page.getByRole('button', { name: 'Start recommended quiz' }).click();
  await dialog.getByRole('button', { name: 'Finish it and start' }).click();
  await expect(heading(page)).toContainText('Question 1 of');
  const history = await callApi(app, 'listHistory');
  expect(history.find((q) => q.sessionId === second)).toMatchObject({ status: 'finished' });

  // Discard from the dashboard, after a confirmation.
  await goTo(page, 'Dashboard');
  const open = openQuizzes(page);
  await open.getByRole('button', { name: /^Discard / }).click();
  const confirm = page.getByRole('dialog', { name: /^Discard “/ });
  await expect(confirm).toBeVisible();
  await expect(confirm.getByRole('button', { name: 'Keep it' })).toBeFocused();
  await expectAccessible(page, 'discard confirmation');
  await confirm.getByRole('button', { name: 'Discard quiz' }).click();
  await expect(confirm).toBeHidden();
  await expect(open).toHaveCount(0);
  expect(await callApi(app, 'listOpenQuizzes')).toHaveLength(0);
});

test('a running exam can be finished to start another quiz, never discarded', async ({
  page,
  app,
}) => {
  await importAnswerPack(app);
  const exam = await startExamByApi(app);
  await page.goto(app.url);
  // The running exam opens by itself; the learner leaves it by the header.
  await expect(page.getByRole('timer')).toBeVisible();
  await goTo(page, 'Dashboard');
  await page.getByRole('button', { name: 'Start recommended quiz' }).click();
  const dialog = page.getByRole('dialog', { name: 'An exam is still running' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: /Discard/ })).toHaveCount(0);
  await expect(dialog).toContainText("An exam can't be thrown away");
  await dialog.getByRole('button', { name: 'Submit the exam and start' }).click();
  await expect(heading(page)).toContainText('Question 1 of');
  const history = await callApi(app, 'listHistory');
  expect(history.find((q) => q.sessionId === exam.sessionId)).toMatchObject({
    status: 'finished',
    finishReason: 'submitted',
  });
});

test('partial credit shows as partial in the palette, the review and the dashboard', async ({
  page,
  app,
}) => {
  await practiceAt(page, app, 'Which are regularisers?');
  const position = Number(/Question (\d+)/.exec((await heading(page).textContent()) ?? '')?.[1]);
  // One of the two right options: half the credit.
  await option(page, 'Dropout').click();
  await expect(saved(page)).toBeVisible();
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  const feedback = page.locator('.question-card .feedback');
  await expect(feedback.getByRole('heading', { name: 'Partly correct' })).toBeFocused();
  await expect(feedback).toContainText('Score 0.5 / 1 · partial credit');
  await expect(
    page.getByRole('button', { name: `Question ${position}, answered, checked: partly correct` }),
  ).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Partly correct' })).toHaveText(
    'Partly correct: score 0.5 of 1. The solution is shown.',
  );
  await shoot(page, 'quiz-partial-light-1280x800');

  await page.getByRole('button', { name: 'Submit…' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Submit now' }).click();
  await expect(page.getByRole('heading', { name: 'Questions and worked solutions' })).toBeVisible();
  const item = page.locator('article.review-item').filter({ hasText: 'Which are regularisers?' });
  await expect(item.getByTestId('item-outcome')).toHaveText(/Partly correct · 0.5 of 1/);
  await expect(item.getByRole('heading', { name: 'Partly correct' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Answers by outcome' })).toContainText(
    '1 partly correct',
  );
  await expect(page.getByTestId('score')).toHaveText('0.5 / 3');
  await expectAccessible(page, 'review with partial credit');

  await goTo(page, 'Dashboard');
  await expect(page.getByText('0 of 1 answer correct, 0.5 with partial credit')).toBeVisible();
});

test('while an exam runs, another quiz’s review is refused with a way back to the exam', async ({
  page,
  app,
}) => {
  await importAnswerPack(app);
  const practice = await startPracticeByApi(app, 1);
  await callApi(app, 'finishQuiz', { sessionId: practice.sessionId });
  await startExamByApi(app);
  await page.goto(app.url);
  await expect(page.getByRole('timer')).toBeVisible();

  await goTo(page, 'Dashboard');
  await page.getByRole('region', { name: 'Recent quizzes' }).getByRole('button').first().click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('An exam is running');
  await expect(alert).toContainText('Finish the exam first.');
  await expect(page.locator('article.review-item')).toHaveCount(0);
  await expectAccessible(page, 'review refused while an exam runs');
  await alert.getByRole('button', { name: 'Back to the exam' }).click();
  await expect(page.getByRole('timer')).toBeVisible();
  await expect(heading(page)).toContainText('of 2');
});

test('a save that fails says so, keeps the answer on screen, and is retried', async ({
  page,
  app,
}) => {
  await practiceAt(page, app, 'Pick the even number');
  const recover = await failCalls(page, 'saveAnswer', 'The disk is full.');
  await option(page, 'Four').click();
  await expect(page.locator('.q-badges [data-save="failed"]')).toHaveText(/Not saved/);
  const alert = page.getByRole('alert').filter({ hasText: 'not saved yet' });
  await expect(alert).toContainText('The disk is full.');
  await expect(page.getByRole('button', { name: /, answered, not saved$/ })).toBeVisible();
  await expectAccessible(page, 'quiz with a failed save');
  await shootEach(page, 'quiz-not-saved', [
    ['light', sizes.large],
    ['dark', sizes.small],
  ]);

  recover();
  await alert.getByRole('button', { name: 'Save again' }).click();
  await expect(saved(page)).toBeVisible();
  await expect(alert).toHaveCount(0);
  const quiz = (await callApi(app, 'listOpenQuizzes'))[0];
  expect(quiz.answeredCount).toBe(1);
});
