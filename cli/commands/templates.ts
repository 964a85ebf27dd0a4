/**
 * `templates [--json]`, `templates check --seeds N [--template ID]` and
 * `generate TEMPLATE --seed N [--form mcq|numeric] [--param k=v …] [--json]`.
 */
import {
  MAX_SEED,
  TemplateError,
  checkDrawn,
  generateVariant,
  generateWithProblem,
  listTemplates,
  type TemplateForm,
  type TemplateInfo,
  type Variant,
} from '../../core/templates';
import { UsageError, parseArgs, requireFlag, type CliIo, type Command } from '../io';

/** Most problems printed per template by `templates check` (the count is always complete). */
const MAX_PRINTED_PROBLEMS = 20;

function parseCount(name: string, text: string, max: number): number {
  if (!/^\d+$/.test(text) || Number(text) > max) {
    throw new UsageError(`--${name} must be an integer from 0 to ${max}, got "${text}"`);
  }
  return Number(text);
}

function findTemplate(id: string): TemplateInfo {
  const info = listTemplates().find((t) => t.id === id);
  if (info === undefined) throw new UsageError(`unknown template "${id}" (see: templates)`);
  return info;
}

function listCommand(json: boolean, io: CliIo): number {
  const templates = listTemplates();
  if (json) {
    const rows = templates.map(({ id, topic, title, answerKind, forms, params }) => ({
      id,
      topic,
      title,
      answerKind,
      forms,
      params,
    }));
    io.out(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  const idWidth = Math.max(...templates.map((t) => t.id.length));
  const topicWidth = Math.max(...templates.map((t) => t.topic.length));
  const lines = templates.map(
    (t) =>
      `${t.id.padEnd(idWidth)}  ${t.topic.padEnd(topicWidth)}  ${t.answerKind.padEnd(6)}  ${t.forms.join(',').padEnd(11)}  ${t.title}`,
  );
  const header = `${'id'.padEnd(idWidth)}  ${'topic'.padEnd(topicWidth)}  ${'answer'}  ${'forms'.padEnd(11)}  title`;
  io.out(`${[header, ...lines].join('\n')}\n`);
  return 0;
}

function checkCommand(seeds: number, only: string | undefined, io: CliIo): number {
  const templates = only === undefined ? listTemplates() : [findTemplate(only)];
  let total = 0;
  for (const template of templates) {
    const problems: string[] = [];
    let checked = 0;
    let generating = 0;
    for (const form of template.forms) {
      for (let seed = 0; seed < seeds; seed++) {
        // Levels cycle with the seed so every level is covered.
        const level = 1 + (seed % 3);
        const where = `${template.id} ${seed}: [${form}, level ${level}]`;
        let drawn: ReturnType<typeof generateWithProblem>;
        const start = performance.now();
        try {
          drawn = generateWithProblem(template.id, seed, { form, params: { level } });
        } catch (error) {
          problems.push(
            `${where} generation failed: ${error instanceof Error ? error.message : String(error)}`,
          );
          continue;
        } finally {
          generating += performance.now() - start;
        }
        checked++;
        for (const problem of checkDrawn(drawn.variant, drawn.problem))
          problems.push(`${where} ${problem}`);
      }
    }
    const rate = generating > 0 ? Math.round((checked / generating) * 1000) : 0;
    io.out(
      `${template.id}: ${checked} variants checked, ${rate} variants/s generated, ${problems.length === 0 ? 'ok' : `${problems.length} problems`}\n`,
    );
    for (const problem of problems.slice(0, MAX_PRINTED_PROBLEMS)) io.out(`  ${problem}\n`);
    if (problems.length > MAX_PRINTED_PROBLEMS) {
      io.out(`  … and ${problems.length - MAX_PRINTED_PROBLEMS} more\n`);
    }
    total += problems.length;
  }
  io.out(total === 0 ? 'all templates ok\n' : `${total} problems\n`);
  return total === 0 ? 0 : 1;
}

/**
 * `templates` lists the templates (a table, or with `--json` an array of
 * `{id, topic, title, answerKind, forms, params}`); `templates check --seeds N [--template ID]`
 * generates both forms for seeds 0..N−1 (levels cycling 1, 2, 3), runs `checkVariant` on each
 * variant and `checkProblem` on the problem drawn for it, and exits 1 if any problem is found.
 */
export const templatesCommand: Command = async (args, io) => {
  const parsed = parseArgs(args, ['seeds', 'template'], ['json']);
  const [sub, ...extra] = parsed.positional;
  if (sub === undefined) {
    if (parsed.flags.has('seeds') || parsed.flags.has('template')) {
      throw new UsageError('--seeds and --template belong to "templates check"');
    }
    return listCommand(parsed.flags.has('json'), io);
  }
  if (sub !== 'check')
    throw new UsageError(`unknown templates subcommand "${sub}" (expected: check)`);
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  const seeds = parseCount('seeds', requireFlag(parsed, 'seeds'), 10_000_000);
  const only = parsed.flags.get('template');
  return checkCommand(seeds, typeof only === 'string' ? only : undefined, io);
};

/** Splits out every `--param k=v` (repeatable; values may contain commas and `=`). */
function extractParams(args: readonly string[]): {
  rest: string[];
  params: Record<string, string>;
} {
  const rest: string[] = [];
  const params: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    let pair: string | undefined;
    if (arg === '--param') {
      pair = args[++i];
      if (pair === undefined) throw new UsageError('--param needs a value like level=2');
    } else if (arg.startsWith('--param=')) {
      pair = arg.slice('--param='.length);
    } else {
      rest.push(arg);
      continue;
    }
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--param needs name=value, got "${pair}"`);
    const name = pair.slice(0, eq);
    if (Object.hasOwn(params, name)) throw new UsageError(`--param ${name} given twice`);
    params[name] = pair.slice(eq + 1);
  }
  return { rest, params };
}

/** The variant as the `generate --json` object. */
function variantJson(
  variant: Variant,
  topic: string,
  params: Readonly<Record<string, string>>,
): unknown {
  const q = variant.question;
  const correct = q.options?.find((o) => o.correct);
  return {
    templateId: variant.templateId,
    topic,
    seed: variant.seed,
    form: variant.form,
    params,
    stem: q.stem,
    ...(q.options !== undefined
      ? {
          options: q.options.map((o) => ({
            id: o.id,
            text: o.text,
            correct: o.correct,
            misconception: o.misconception ?? null,
            feedback: o.feedback ?? null,
          })),
        }
      : {}),
    answer:
      q.kind === 'mcq'
        ? { optionIds: correct !== undefined ? [correct.id] : [], text: correct?.text ?? null }
        : { value: q.numeric?.value ?? null, tolerance: q.numeric?.tolerance ?? null },
    ...(q.answerFormat !== undefined ? { answerFormat: q.answerFormat } : {}),
    steps: q.steps ?? [],
    explanation: q.explanation,
    parts: (q.parts ?? []).map((part) => ({
      id: part.id,
      prompt: part.prompt,
      answer: { value: part.key.value, tolerance: part.key.tolerance },
      answerFormat: part.answerFormat,
      hint: part.hint ?? null,
    })),
    hints: q.hints ?? [],
    ...(q.misconceptionKeys !== undefined
      ? {
          misconceptionValues: q.misconceptionKeys.map((m) => ({
            misconception: m.misconception,
            value: m.key.value,
          })),
        }
      : {}),
  };
}

function variantText(variant: Variant, info: TemplateInfo): string {
  const q = variant.question;
  const lines = [
    `${info.id} (seed ${variant.seed}, ${variant.form}) — ${info.title}`,
    '',
    q.stem,
    '',
  ];
  if (q.options !== undefined) {
    for (const o of q.options) lines.push(`  ${o.id}) ${o.text}${o.correct ? '   ← correct' : ''}`);
    lines.push('', 'Wrong options:');
    for (const o of q.options) {
      if (!o.correct) lines.push(`  ${o.id}) ${o.misconception?.id ?? '?'}: ${o.feedback ?? ''}`);
    }
  } else if (q.numeric !== undefined) {
    lines.push(
      `Answer: ${JSON.stringify(q.numeric.value)}  (tolerance ${JSON.stringify(q.numeric.tolerance)})`,
    );
    if (q.answerFormat !== undefined) lines.push(`Format: ${q.answerFormat}`);
  }
  lines.push('', 'Steps:');
  (q.steps ?? []).forEach((step, i) => lines.push(`  ${i + 1}. ${step.replace(/\n/g, '\n     ')}`));
  lines.push('', 'Explanation:', q.explanation, '');
  return lines.join('\n');
}

/**
 * `generate TEMPLATE --seed N [--form mcq|numeric] [--param name=value …] [--json]`: one variant.
 * JSON: `{templateId, topic, seed, form, params, stem, options?, answer, answerFormat?, steps,
 * explanation, parts, hints, misconceptionValues?}`, where each option has `id, text, correct,
 * misconception ({id, label} or null), feedback`; `answer` is `{optionIds, text}` (mcq) or
 * `{value, tolerance}` (numeric); each part is `{id, prompt, answer: {value, tolerance},
 * answerFormat, hint}`; `misconceptionValues` (numeric form) gives the value each named
 * misconception produces for this variant. The same arguments always print the same bytes.
 */
export const generateCommand: Command = async (args, io) => {
  const { rest, params } = extractParams(args);
  const parsed = parseArgs(rest, ['seed', 'form'], ['json']);
  const [templateId, ...extra] = parsed.positional;
  if (templateId === undefined)
    throw new UsageError(
      'usage: generate TEMPLATE --seed N [--form mcq|numeric] [--param k=v] [--json]',
    );
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  const info = findTemplate(templateId);
  const seed = parseCount('seed', requireFlag(parsed, 'seed'), MAX_SEED);
  const formFlag = parsed.flags.get('form');
  if (formFlag !== undefined && formFlag !== 'mcq' && formFlag !== 'numeric') {
    throw new UsageError(`--form must be mcq or numeric, got "${String(formFlag)}"`);
  }
  const form: TemplateForm | undefined = formFlag;
  let variant: Variant;
  try {
    variant = generateVariant(templateId, seed, { form, params });
  } catch (error) {
    if (error instanceof TemplateError) throw new UsageError(error.message);
    throw error;
  }
  io.out(
    parsed.flags.has('json')
      ? `${JSON.stringify(variantJson(variant, info.topic, params))}\n`
      : variantText(variant, info),
  );
  return 0;
};
