/**
 * `npm run -s bench -- [--json] [--quick] [--seed N] [--no-cache] [--keep] [--only a,b]`
 *
 * Runs every benchmark of design.md's quality targets and prints ONE JSON object on stdout with
 * `--json` (a short table otherwise); progress goes to stderr. See BENCHMARKS.md for what each
 * figure times. Sections for `--only` (run in this order): templates, service, compute, rss,
 * import, class-report, renderer.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { build as esbuild } from 'esbuild';
import { benchClassReport, type ClassReportResult } from './class-report-bench';
import { benchCompute, type ComputeResult } from './compute-bench';
import { copyDb, generationTimes, historyDb, lazyPack, type HistoryParams } from './generate';
import { benchImport, type ImportResult } from './import-bench';
import {
  benchFirstQuestion,
  buildRenderer,
  measureBundle,
  type BundleResult,
  type FirstQuestionResult,
} from './renderer-bench';
import {
  benchCheckpoint,
  benchDashboards,
  benchSelect,
  benchSubmit,
  openBenchService,
  profileUseCases,
  type SelectResult,
  type SubmitResult,
} from './service-bench';
import { benchTemplates, type TemplateResult } from './templates-bench';
import { log, round, type Summary } from './stats';

const SECTIONS = [
  'templates',
  'compute',
  'service',
  'rss',
  'import',
  'class-report',
  'renderer',
] as const;
type Section = (typeof SECTIONS)[number];

interface Options {
  readonly json: boolean;
  readonly quick: boolean;
  readonly seed: number;
  readonly cache: boolean;
  readonly keep: boolean;
  readonly only: ReadonlySet<Section>;
}

function parseOptions(argv: readonly string[]): Options {
  let json = false;
  let quick = false;
  let seed = 1;
  let cache = true;
  let keep = false;
  let only = new Set<Section>(SECTIONS);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') json = true;
    else if (arg === '--quick') quick = true;
    else if (arg === '--no-cache') cache = false;
    else if (arg === '--keep') keep = true;
    else if (arg === '--seed') {
      seed = Number(argv[++i]);
      if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
        fail('--seed must be an integer from 0 to 4294967295');
      }
    } else if (arg === '--only') {
      const names = (argv[++i] ?? '').split(',').filter((s) => s !== '');
      const unknown = names.find((n) => !(SECTIONS as readonly string[]).includes(n));
      if (unknown !== undefined || names.length === 0) {
        fail(`--only takes a comma-separated list of ${SECTIONS.join(', ')}`);
      }
      only = new Set(names as Section[]);
    } else fail(`unknown argument ${arg}`);
  }
  return { json, quick, seed, cache, keep, only };
}

function fail(message: string): never {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(1);
}

/** Sizes and iteration counts of a run. */
interface Plan {
  readonly big: HistoryParams;
  readonly small: HistoryParams;
  readonly importQuestions: number;
  readonly importRuns: number;
  readonly submits: number;
  readonly submitWarmup: number;
  readonly selects: number;
  readonly selectWarmup: number;
  readonly dashboards: number;
  readonly dashboardWarmup: number;
  readonly templateMs: number;
  readonly templateWarmupMs: number;
  readonly computeIterations: number;
  readonly computeRounds: number;
  readonly firstQuestionRuns: number;
  readonly profileOps: number;
  readonly classLearners: number;
  readonly classAnswersPerLearner: number;
}

function plan(quick: boolean, seed: number): Plan {
  const questions = quick ? 10_000 : 100_000;
  const big: HistoryParams = {
    questions,
    topics: 20,
    attempts: quick ? 100_000 : 1_000_000,
    learners: quick ? 100 : 1000,
    heavyShare: 0.1,
    seed,
  };
  return {
    big,
    small: { ...big, attempts: 10_000 },
    importQuestions: questions,
    importRuns: quick ? 2 : 3,
    submits: quick ? 300 : 2000,
    submitWarmup: quick ? 30 : 100,
    selects: quick ? 150 : 1000,
    selectWarmup: quick ? 20 : 50,
    dashboards: quick ? 500 : 2000,
    dashboardWarmup: quick ? 50 : 200,
    templateMs: quick ? 150 : 1500,
    templateWarmupMs: quick ? 100 : 500,
    computeIterations: quick ? 3000 : 20_000,
    computeRounds: quick ? 3 : 5,
    firstQuestionRuns: quick ? 3 : 10,
    profileOps: quick ? 50 : 200,
    classLearners: 500,
    classAnswersPerLearner: quick ? 200 : 2000,
  };
}

function machine(): Record<string, unknown> {
  const info = cpus();
  return {
    cores: info.length,
    memory_gb: round(totalmem() / 1024 ** 3, 1),
    node: process.version,
    cpu: info[0]?.model ?? 'unknown',
    platform: `${process.platform} ${process.arch}`,
    load_avg_start: loadavg().map((l) => round(l, 2)),
    pressure_start: pressure(),
  };
}

/**
 * Linux pressure stall information: the share of the last 60 s in which some task waited for a
 * core (`cpu`) or for the disk (`io`), in %. Other work on the machine shows here (and in the
 * tails) even when the load average looks moderate. Null where /proc/pressure is missing.
 */
function pressure(): { cpu_some_avg60: number; io_some_avg60: number } | null {
  const some = (resource: string): number => {
    const text = readFileSync(`/proc/pressure/${resource}`, 'utf8');
    const match = /^some .*avg60=([\d.]+)/m.exec(text);
    if (match === null) throw new Error(`unexpected /proc/pressure/${resource}`);
    return Number(match[1]);
  };
  try {
    return { cpu_some_avg60: some('cpu'), io_some_avg60: some('io') };
  } catch {
    return null;
  }
}

/** Resident memory of a child that opens the big database through the service (bundled, plain node). */
async function measureRss(dbPath: string, workDir: string): Promise<Record<string, number>> {
  const outfile = join(workDir, 'rss-child.cjs');
  await esbuild({
    entryPoints: ['bench/rss-child.ts'],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile,
    external: ['better-sqlite3'],
    logLevel: 'warning',
  });
  const result = spawnSync(process.execPath, [outfile, dbPath], {
    encoding: 'utf8',
    env: { ...process.env, NODE_PATH: join(process.cwd(), 'node_modules') },
  });
  if (result.status !== 0) throw new Error(`rss child failed: ${result.stderr}`);
  const figures = JSON.parse(result.stdout.trim()) as Record<string, number>;
  log(`service process RSS: ${figures.rss_mb} MB (baseline ${figures.baseline_rss_mb} MB)`);
  return figures;
}

interface Target {
  readonly target: string;
  readonly value: number | null;
  readonly pass: boolean | null;
}

function target(value: number | undefined, op: '<=' | '>=', limit: number): Target {
  if (value === undefined || !Number.isFinite(value)) {
    return { target: `${op} ${limit}`, value: null, pass: null };
  }
  return { target: `${op} ${limit}`, value, pass: op === '<=' ? value <= limit : value >= limit };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const p = plan(options.quick, options.seed);
  const started = performance.now();
  const work = mkdtempSync(join(tmpdir(), 'deepdrill-bench-'));
  const out: Record<string, unknown> = {};
  const details: Record<string, unknown> = {};
  const machineInfo = machine();
  log(
    `${options.quick ? 'quick' : 'full'} run, seed ${options.seed}: ${p.big.questions} questions, ${p.big.attempts} attempts by ${p.big.learners} learners; work dir ${work}`,
  );
  const pack = lazyPack(p.big);
  const bigDb = join(work, 'big.db');
  const smallDb = join(work, 'small.db');
  let submit: SubmitResult | undefined;
  let select: SelectResult | undefined;
  let dashBig: Summary | undefined;
  let dashSmall: Summary | undefined;
  let rss: Record<string, number> | undefined;
  let imported: ImportResult | undefined;
  let templates: TemplateResult | undefined;
  let compute: ComputeResult | undefined;
  let bundle: BundleResult | undefined;
  let first: FirstQuestionResult | undefined;
  let classReport: ClassReportResult | undefined;

  const errors: Record<string, string> = {};
  /** Runs one section; a failure is reported in `errors` and the other sections still run. */
  const section = async (name: Section, run: () => Promise<void> | void): Promise<void> => {
    if (!options.only.has(name)) return;
    try {
      await run();
    } catch (error) {
      errors[name] = error instanceof Error ? error.message : String(error);
      log(`section ${name} failed: ${errors[name]}`);
    }
  };

  try {
    // Latency- and CPU-bound sections first, on a small heap: a big live heap (the 100k-item
    // pack, tfjs) makes major GCs long enough to show up in their tails. tfjs loads after them.
    await section('templates', () => {
      templates = benchTemplates(p.templateMs, p.templateWarmupMs);
    });
    await section('service', async () => {
      const t0 = performance.now();
      copyDb(historyDb(pack, p.small, options.cache), smallDb);
      copyDb(historyDb(pack, p.big, options.cache), bigDb);
      details.generate_ms = { total: round(performance.now() - t0, 0), ...generationTimes };
      // The service process never holds a 100k-item pack: drop it (rebuilt, deterministically,
      // for the import section) so its heap does not lengthen the service's GC pauses.
      pack.release();
      const small = openBenchService(smallDb, options.seed);
      const big = openBenchService(bigDb, options.seed);
      try {
        [dashSmall, dashBig] = await benchDashboards(
          [
            { label: `${p.small.attempts} attempts`, bench: small },
            { label: `${p.big.attempts} attempts`, bench: big },
          ],
          p.dashboards,
          p.dashboardWarmup,
        );
        small.close();
        select = await benchSelect(big, p.selects, p.selectWarmup);
        // The same starts with no idle tick planning ahead (a click within 2 s of the last).
        details.select_planned_at_click = await benchSelect(big, p.selects, p.selectWarmup, false);
        submit = await benchSubmit(big, p.submits, p.submitWarmup, options.seed, 'every-action');
        details.submit_between_quizzes = await benchSubmit(
          big,
          p.submits,
          p.submitWarmup,
          options.seed + 1,
          'between-quizzes',
        );
        details.checkpoint = await benchCheckpoint(big, 5, 100, options.seed);
      } finally {
        if (small.db.open) small.close();
        big.close();
      }
      details.profile = await profileUseCases(bigDb, options.seed, p.profileOps);
    });
    await section('compute', async () => {
      compute = await benchCompute(p.computeIterations, p.computeRounds, 1000);
    });
    await section('rss', async () => {
      if (!options.only.has('service')) copyDb(historyDb(pack, p.big, options.cache), bigDb);
      rss = await measureRss(bigDb, work);
    });
    await section('import', async () => {
      // Warm-up: the first import of a process pays for JIT and zod's lazy compilation.
      const { syntheticPack } = await import('./pack');
      benchImport(syntheticPack(2000, p.big.topics, options.seed + 1).pack, work, 1);
      imported = benchImport(pack().pack, work, p.importRuns);
    });
    pack.release();
    await section('class-report', () => {
      const dir = join(work, 'class-report');
      mkdirSync(dir);
      classReport = benchClassReport(dir, {
        learners: p.classLearners,
        answersPerLearner: p.classAnswersPerLearner,
        items: 400,
        topics: p.big.topics,
        seed: options.seed,
      });
      rmSync(dir, { recursive: true, force: true });
    });
    await section('renderer', async () => {
      const rendererDir = join(work, 'renderer');
      details.renderer_build_ms = round(await buildRenderer(rendererDir), 0);
      bundle = measureBundle(rendererDir);
      first = await benchFirstQuestion(join(work, 'browser.db'), rendererDir, p.firstQuestionRuns);
    });
  } finally {
    if (!options.keep) rmSync(work, { recursive: true, force: true });
    else log(`kept ${work}`);
  }

  const growth =
    dashBig !== undefined && dashSmall !== undefined
      ? round(dashBig.p99 / dashSmall.p99, 2)
      : undefined;
  Object.assign(out, {
    submit_p50_ms: submit?.summary.p50,
    submit_p99_ms: submit?.summary.p99,
    commit_floor_p50_ms: submit?.commitFloor?.p50,
    commit_floor_p99_ms: submit?.commitFloor?.p99,
    submit_vs_floor_p99: submit?.ratioP99,
    select_p50_ms: select?.startQuiz.p50,
    select_p99_ms: select?.startQuiz.p99,
    selection_only_p99_ms: select?.selectionOnly.p99,
    dashboard_p99_ms_10k: dashSmall?.p99,
    dashboard_p99_ms_1m: dashBig?.p99,
    dashboard_growth: growth,
    dashboard_growth_p50:
      dashBig !== undefined && dashSmall !== undefined
        ? round(dashBig.p50 / dashSmall.p50, 2)
        : undefined,
    import_rate: imported?.import_rate,
    raw_insert_rate: imported?.raw_insert_rate,
    import_vs_raw: imported?.import_vs_raw,
    template_rate_min: templates?.template_rate_min,
    template_rates: templates?.template_rates,
    compute_vs_tfjs: compute?.compute_vs_tfjs,
    renderer_js_brotli_kb: bundle?.renderer_js_brotli_kb,
    first_question_ms: first?.first_question_ms,
    main_rss_mb: rss?.rss_mb,
    class_report_seconds: classReport?.class_report_seconds,
    class_report_peak_rss_mb: classReport?.class_report_peak_rss_mb,
  });
  out.targets = {
    submit_p99_ms: target(submit?.summary.p99, '<=', 3),
    submit_vs_floor_p99: target(submit?.ratioP99 ?? undefined, '<=', 1.5),
    select_p99_ms: target(select?.startQuiz.p99, '<=', 5),
    dashboard_p99_ms_1m: target(dashBig?.p99, '<=', 10),
    dashboard_growth: target(growth, '<=', 2),
    import_rate: target(imported?.import_rate, '>=', 50_000),
    import_vs_raw: target(imported?.import_vs_raw, '>=', 0.5),
    template_rate_min: target(templates?.template_rate_min, '>=', 10_000),
    renderer_js_brotli_kb: target(bundle?.renderer_js_brotli_kb, '<=', 150),
    class_report_seconds: target(classReport?.class_report_seconds, '<=', 60),
    class_report_peak_rss_mb: target(classReport?.class_report_peak_rss_mb, '<=', 1500),
  };
  Object.assign(details, {
    submit,
    select,
    dashboard_small: dashSmall,
    dashboard_big: dashBig,
    rss,
    import: imported?.import_breakdown_ms,
    template_rates_by_form: templates?.template_rates_by_form,
    template_failures: templates?.template_failures,
    compute_us: compute?.compute_us,
    bundle,
    first_question: first,
    class_report: classReport?.details,
  });
  if (Object.keys(errors).length > 0) out.errors = errors;
  out.details = details;
  out.params = { mode: options.quick ? 'quick' : 'full', ...p };
  out.machine = {
    ...machineInfo,
    load_avg_end: loadavg().map((l) => round(l, 2)),
    pressure_end: pressure(),
  };
  out.git = gitDescribe();
  out.total_s = round((performance.now() - started) / 1000, 1);
  log(`done in ${out.total_s as number} s`);

  if (options.json) {
    process.stdout.write(`${JSON.stringify(out)}\n`);
  } else {
    for (const [key, value] of Object.entries(out)) {
      if (key === 'details' || key === 'params') continue;
      process.stdout.write(`${key}: ${JSON.stringify(value)}\n`);
    }
  }
}

function gitDescribe(): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
