import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { answerPack, answerTopic, callApi, goTo, openApp } from './helpers';

// A topic title with accents: what Excel garbles when a CSV file has no BOM.
const topicTitle = 'Théorie élémentaire, façon Müller';

/** One finished practice quiz: "Type twelve and a half." answered 12.5 (right). */
async function answerTwelveAndAHalf(app: Parameters<typeof callApi>[0]): Promise<void> {
  const report = await callApi(app, 'importBank', {
    fileName: 'export.json',
    content: JSON.stringify({
      ...answerPack,
      id: 'export-pack',
      topics: [{ id: answerTopic.id, title: topicTitle }],
    }),
  });
  expect(report.ok, JSON.stringify(report.problems)).toBe(true);
  const page = await callApi(app, 'listQuestions', { search: 'twelve and a half' });
  const quiz = await callApi(app, 'startQuiz', {
    mode: 'practice',
    selection: 'questions',
    questionIds: [page.items[0].questionId],
    count: 1,
  });
  await callApi(app, 'submitAnswer', {
    sessionId: quiz.sessionId,
    position: 0,
    response: { kind: 'numeric', text: '12.5' },
  });
  await callApi(app, 'finishQuiz', { sessionId: quiz.sessionId });
}

test('export my results: a CSV for Excel with the BOM, xAPI lines, refused during an exam', async ({
  page,
  app,
}) => {
  await answerTwelveAndAHalf(app);
  await openApp(page, app);
  await goTo(page, 'Settings');
  const section = page.getByRole('region', { name: 'Export my results' });

  await section.getByLabel('For Excel (UTF-8 with BOM)').check();
  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    section.getByRole('button', { name: 'Export my results' }).click(),
  ]);
  expect(csv.suggestedFilename()).toMatch(/^deepdrill-results-\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = readFileSync((await csv.path())!);
  // EF BB BF: the UTF-8 byte order mark, then UTF-8 text.
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.subarray(3).toString('utf8').split('\r\n');
  expect(lines[0]).toBe(
    'learner,quiz_session,quiz_title,quiz_started,bank,item,version,topic,topic_title,' +
      'question_type,answer,score,correct,time_taken_s,answered_at',
  );
  expect(lines).toHaveLength(3);
  expect(lines[1]).toContain(`,export-pack,twelve-half,1,${answerTopic.id},"${topicTitle}",`);
  expect(lines[1]).toContain(',numeric,12.5,1,true,');
  await expect(section.getByText(/Saved 1 answers as deepdrill-results-/)).toBeVisible();

  await section.getByLabel('Format').selectOption('xapi');
  await expect(section.getByLabel('For Excel (UTF-8 with BOM)')).toBeDisabled();
  const [xapi] = await Promise.all([
    page.waitForEvent('download'),
    section.getByRole('button', { name: 'Export my results' }).click(),
  ]);
  expect(xapi.suggestedFilename()).toMatch(/\.jsonl$/);
  const statements = readFileSync((await xapi.path())!, 'utf8')
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as { verb: { id: string } });
  // The answer, then the finished quiz.
  expect(statements.map((s) => s.verb.id)).toEqual([
    'http://adlnet.gov/expapi/verbs/answered',
    'http://adlnet.gov/expapi/verbs/completed',
  ]);

  // While an exam runs, the export would show its scores: refused, nothing downloaded.
  await callApi(app, 'startQuiz', {
    mode: 'exam',
    selection: 'topics',
    topics: [answerTopic.id],
    count: 1,
    durationMinutes: 10,
  });
  let downloads = 0;
  page.on('download', () => downloads++);
  await section.getByLabel('Format').selectOption('csv');
  await section.getByRole('button', { name: 'Export my results' }).click();
  const notice = section.getByRole('alert');
  await expect(notice).toContainText('An exam is running');
  await expect(notice).toContainText('Results cannot be exported while the exam');
  await expect(notice.getByRole('button', { name: 'Back to the exam' })).toBeVisible();
  expect(downloads).toBe(0);
});
