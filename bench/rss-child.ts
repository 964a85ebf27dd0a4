/**
 * Child process of the memory benchmark: opens the generated database through `createService`
 * (as learner 1), builds the dashboard, starts a recommended quiz, and prints its resident set
 * size as one JSON line. The parent runs it bundled with esbuild under plain `node`, as the app's
 * main process runs bundled code, so tsx's loader does not inflate the figure.
 */
import { openBenchService, recommendedInput } from './service-bench';

const mb = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;

async function main(): Promise<void> {
  const file = process.argv[2];
  if (file === undefined) throw new Error('usage: rss-child DB');
  const baseline = process.memoryUsage();
  const bench = openBenchService(file, 1);
  const afterOpen = process.memoryUsage().rss;
  await bench.service.getDashboard();
  // A quiz left open by a failed service section is finished first (memory is what counts here).
  const quiz = await bench.service.startQuiz({ ...recommendedInput, openQuizzes: 'finish' });
  await bench.service.finishQuiz({ sessionId: quiz.sessionId });
  const after = process.memoryUsage();
  bench.close();
  process.stdout.write(
    `${JSON.stringify({
      rss_mb: mb(after.rss),
      baseline_rss_mb: mb(baseline.rss),
      after_open_rss_mb: mb(afterOpen),
      heap_used_mb: mb(after.heapUsed),
      external_mb: mb(after.external),
    })}\n`,
  );
}

void main();
