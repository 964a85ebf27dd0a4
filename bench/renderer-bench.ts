/**
 * The renderer: its built JavaScript brotli-compressed, and the time from clicking "Start
 * recommended quiz" to the first question's text in the DOM, in Debian's Chromium driven by
 * Playwright against browser mode (`electron/serve.ts`) on a fresh database seeded with the
 * built-in bank. The renderer is built into a temporary folder so the shared `build/` is left
 * alone.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { chromium } from '@playwright/test';
import { build } from 'vite';
import { log, percentile, round } from './stats';

import { chromiumArgs as CHROMIUM_ARGS, chromiumPath as CHROMIUM } from '../playwright.config';

/** Builds the renderer with the project's Vite config into `outDir`. */
export async function buildRenderer(outDir: string): Promise<number> {
  const t0 = performance.now();
  await build({
    configFile: 'vite.config.ts',
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  const ms = performance.now() - t0;
  log(`renderer built in ${ms.toFixed(0)} ms into ${outDir}`);
  return ms;
}

/** Results of {@link measureBundle}. */
export interface BundleResult {
  /** Every `assets/*.js`, each brotli-compressed at quality 11, summed, in kB (1000 bytes). */
  readonly renderer_js_brotli_kb: number;
  readonly renderer_js_raw_kb: number;
  /** The stylesheets the same way (not part of the target; fonts are never counted). */
  readonly renderer_css_brotli_kb: number;
  readonly renderer_js_files: Record<string, number>;
}

function brotliBytes(data: Buffer): number {
  return brotliCompressSync(data, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
    },
  }).length;
}

/** Sizes of the built renderer in `dir` (fonts excluded: only `.js`, and `.css` apart). */
export function measureBundle(dir: string): BundleResult {
  const assets = join(dir, 'assets');
  let js = 0;
  let raw = 0;
  let css = 0;
  const files: Record<string, number> = {};
  for (const name of readdirSync(assets).sort()) {
    const data = readFileSync(join(assets, name));
    if (name.endsWith('.js')) {
      const b = brotliBytes(data);
      js += b;
      raw += data.length;
      files[name] = round(b / 1000, 1);
    } else if (name.endsWith('.css')) {
      css += brotliBytes(data);
    }
  }
  log(`renderer JS: ${(raw / 1000).toFixed(1)} kB raw, ${(js / 1000).toFixed(1)} kB brotli`);
  return {
    renderer_js_brotli_kb: round(js / 1000, 1),
    renderer_js_raw_kb: round(raw / 1000, 1),
    renderer_css_brotli_kb: round(css / 1000, 1),
    renderer_js_files: files,
  };
}

/** Starts browser mode on `dbPath` serving `staticDir`; resolves with its URL and a stop. */
async function startServe(
  dbPath: string,
  staticDir: string,
): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'electron/serve.ts', '--port', '0', '--db', dbPath, '--static', staticDir],
    { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${stderr}`)), 60_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /listening (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${String(code)}: ${stderr}`));
    });
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return { url, stop };
}

/** Results of {@link benchFirstQuestion}. */
export interface FirstQuestionResult {
  /** Median over the runs (ms). */
  readonly first_question_ms: number;
  readonly first_question_runs_ms: readonly number[];
  /** Page load to the enabled start button, first load (ms, for context). */
  readonly dashboard_ready_ms: number;
}

const START_LABEL = 'Start recommended quiz';

// In-page scripts as source text: they run in Chromium, where `document` exists (this
// project's type checking has no DOM library).
const findStart = `[...document.querySelectorAll('button')].find((b) => b.textContent.trim() === ${JSON.stringify(START_LABEL)})`;
const startEnabledScript = `(() => { const b = ${findStart}; return b !== undefined && !b.disabled; })()`;
const clickAndWaitScript = `(async () => {
  const button = ${findStart};
  if (button === undefined) throw new Error('no start button');
  const stemText = () => document.querySelector('.question .stem')?.textContent?.trim() ?? '';
  const start = performance.now();
  await new Promise((resolve, reject) => {
    const timeout = setTimeout(() => reject(new Error('no question stem 30 s after the click')), 30000);
    const observer = new MutationObserver(() => {
      if (stemText().length > 0) {
        observer.disconnect();
        clearTimeout(timeout);
        resolve();
      }
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    button.click();
  });
  return performance.now() - start;
})()`;

/**
 * Finishes the quizzes the previous run left open, through the server's API (untimed): a
 * learner hands a quiz in before starting the next one, and `startQuiz` refuses (`open-quiz`)
 * while one is open.
 */
async function finishOpenQuizzes(pageUrl: string): Promise<void> {
  const url = new URL(pageUrl);
  const token = new URLSearchParams(url.hash.slice(1)).get('token') ?? '';
  const call = async (method: string, input?: unknown): Promise<unknown> => {
    const response = await fetch(new URL(`/api/${method}`, url.origin), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-deepdrill-token': token },
      body: input === undefined ? '' : JSON.stringify(input),
    });
    const result = (await response.json()) as { ok: boolean; value?: unknown; error?: unknown };
    if (!result.ok) throw new Error(`${method}: ${JSON.stringify(result.error)}`);
    return result.value;
  };
  const open = (await call('listOpenQuizzes')) as { sessionId: number }[];
  for (const quiz of open) await call('finishQuiz', { sessionId: quiz.sessionId });
}

/**
 * `runs` times (after one untimed warm-up): load the page, wait for the dashboard's enabled
 * "Start recommended quiz" button, then inside the page take `performance.now()`, click it, and
 * stop when `.question .stem` has text (MutationObserver). What is timed: the click handler,
 * the `startQuiz` HTTP call (selection + writes + state, over loopback), Svelte's render of the
 * quiz screen with the stem's Markdown/KaTeX — up to the text being in the DOM (not the paint).
 */
export async function benchFirstQuestion(
  dbPath: string,
  staticDir: string,
  runs: number,
): Promise<FirstQuestionResult> {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}`);
  const server = await startServe(dbPath, staticDir);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const samples: number[] = [];
  let dashboardReady = Number.NaN;
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    for (let run = 0; run <= runs; run++) {
      await finishOpenQuizzes(server.url);
      const t0 = performance.now();
      await page.goto(server.url);
      // A new hash alone would not reload: force a fresh document each run.
      if (run > 0) await page.reload();
      await page.getByRole('button', { name: START_LABEL }).waitFor({ state: 'visible' });
      await page.waitForFunction(startEnabledScript);
      if (run === 0) dashboardReady = performance.now() - t0;
      const ms = Number(await page.evaluate(clickAndWaitScript));
      if (run > 0) samples.push(ms);
      log(`first question run ${run}${run === 0 ? ' (warm-up)' : ''}: ${ms.toFixed(1)} ms`);
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  return {
    first_question_ms: round(percentile(samples, 0.5), 1),
    first_question_runs_ms: samples.map((s) => round(s, 1)),
    dashboard_ready_ms: round(dashboardReady, 0),
  };
}
