import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { z } from 'zod';
import { NPTEL_GRADING } from '../core/course';
import { MIN_EXAM_MINUTES } from '../core/exam-clock';
import type { Lockdown } from './contract';

// ---------------------------------------------------------------------------------------------
// Course rules (`course`): weekly assignments, late work and the grading scheme (core/course).

const courseSlug = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, ".", "_" or "-", starting alphanumeric');
/** A bank item id, or `bank:item` when two banks use the same item id. */
const itemRef = z
  .string()
  .regex(
    /^([A-Za-z0-9][A-Za-z0-9._-]*:)?[A-Za-z0-9][A-Za-z0-9._-]*$/,
    "a bank item id, or 'bank:item' when two banks use the same item id",
  );
const isoDateTime = z.iso.datetime({
  offset: true,
  error: 'an ISO 8601 date and time with its offset, e.g. 2027-01-20T00:00:00+05:30',
});
const examMinutes = z.number().min(MIN_EXAM_MINUTES).max(600);
/** Most questions one quiz holds (as `startQuiz`'s `count`). */
const MAX_QUIZ_QUESTIONS = 100;

const drawSchema = z
  .strictObject({
    /** Variants of this core template (from the bank's template items). */
    template: courseSlug.optional(),
    /** Questions of these topics, picked as a topic quiz picks them. */
    topics: z.array(courseSlug).min(1).max(100).optional(),
    count: z.number().int().min(1).max(MAX_QUIZ_QUESTIONS),
  })
  .superRefine((draw, ctx) => {
    if ((draw.template === undefined) === (draw.topics === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'give either template or topics (one of them)' });
    }
  })
  .transform((draw) =>
    draw.template !== undefined
      ? { template: draw.template, count: draw.count }
      : { topics: draw.topics ?? [], count: draw.count },
  );

const assignmentSchema = z
  .strictObject({
    id: courseSlug,
    title: z.string().min(1).max(200),
    week: z.number().int().min(1).max(99),
    opensAt: isoDateTime,
    dueAt: isoDateTime,
    /** Bank items asked as they are. */
    items: z.array(itemRef).max(MAX_QUIZ_QUESTIONS).default([]),
    /** Questions drawn afresh for each attempt. */
    draws: z.array(drawSchema).max(20).default([]),
    attemptsAllowed: z.number().int().min(1).max(100).default(1),
    durationMinutes: examMinutes.optional(),
  })
  .superRefine((a, ctx) => {
    if (Date.parse(a.dueAt) <= Date.parse(a.opensAt)) {
      ctx.addIssue({
        code: 'custom',
        path: ['dueAt'],
        message: `must be after opensAt (${a.opensAt})`,
      });
    }
    const count = a.items.length + a.draws.reduce((sum, d) => sum + d.count, 0);
    if (count === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['items'],
        message: 'an assignment needs questions: items, draws or both',
      });
    }
    if (count > MAX_QUIZ_QUESTIONS) {
      ctx.addIssue({
        code: 'custom',
        path: ['draws'],
        message: `${count} questions; at most ${MAX_QUIZ_QUESTIONS} in one assignment`,
      });
    }
    if (new Set(a.items).size !== a.items.length) {
      ctx.addIssue({ code: 'custom', path: ['items'], message: 'an item is listed twice' });
    }
  });

const maxDaysLate = z.number().int().min(1).max(366).optional();
const latePolicySchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('refuse') }),
  z.strictObject({ kind: z.literal('accept'), maxDaysLate }),
  z.strictObject({
    kind: z.literal('penalty'),
    percentPerDay: z.number().gt(0).max(100),
    maxPercent: z.number().gt(0).max(100).default(100),
    maxDaysLate,
  }),
]);

const marks = z.number().min(0).max(100);
const gradingSchema = z
  .strictObject({
    assignmentWeight: marks.default(NPTEL_GRADING.assignmentWeight),
    bestOf: z.number().int().min(1).max(100).default(NPTEL_GRADING.bestOf),
    examWeight: marks.default(NPTEL_GRADING.examWeight),
    assignmentPassAt: marks.default(NPTEL_GRADING.assignmentPassAt),
    examPassAt: marks.default(NPTEL_GRADING.examPassAt),
    passTotal: marks.optional(),
  })
  .superRefine((g, ctx) => {
    if (g.assignmentWeight + g.examWeight !== 100) {
      ctx.addIssue({
        code: 'custom',
        path: ['examWeight'],
        message: `assignmentWeight + examWeight must be 100 (they are ${g.assignmentWeight} + ${g.examWeight})`,
      });
    }
    if (g.assignmentPassAt > g.assignmentWeight) {
      ctx.addIssue({
        code: 'custom',
        path: ['assignmentPassAt'],
        message: `more than assignmentWeight (${g.assignmentWeight})`,
      });
    }
    if (g.examPassAt > g.examWeight) {
      ctx.addIssue({
        code: 'custom',
        path: ['examPassAt'],
        message: `more than examWeight (${g.examWeight})`,
      });
    }
  });

/** Course rules: weekly assignments, late work, grading (NPTEL's by default), the final exam. */
export const courseSchema = z
  .strictObject({
    title: z.string().min(1).max(200),
    assignments: z.array(assignmentSchema).min(1).max(100),
    latePolicy: latePolicySchema.default({ kind: 'refuse' }),
    grading: gradingSchema.default(NPTEL_GRADING),
    /** The final exam's rules; a mock final follows them. */
    finalExam: z
      .strictObject({
        count: z.number().int().min(1).max(MAX_QUIZ_QUESTIONS).default(50),
        durationMinutes: examMinutes.default(180),
        /** All topics when empty. */
        topics: z.array(courseSlug).max(100).default([]),
      })
      .default({ count: 50, durationMinutes: 180, topics: [] }),
  })
  .superRefine((course, ctx) => {
    const seen = new Map<string, number>();
    course.assignments.forEach((a, i) => {
      const first = seen.get(a.id);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['assignments', i, 'id'],
          message: `"${a.id}" is also the id of assignments.${first}`,
        });
      } else seen.set(a.id, i);
    });
    if (course.grading.bestOf > course.assignments.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['grading', 'bestOf'],
        message: `best ${course.grading.bestOf} of ${course.assignments.length} assignments: bestOf must not exceed their number`,
      });
    }
  });

/**
 * An institute's customisation, without touching code: `institute.json`, read by `npm run dist`
 * (product name, app id, banks to bundle) and, shipped as an extra resource, by the packaged
 * app at start (title, lock-down, banks to import on first run).
 */
export const instituteSchema = z.strictObject({
  $schema: z.string().optional(),
  /** Window title and installer name, e.g. "DeepDrill — Example Institute". */
  productName: z.string().min(1).max(100),
  /** Reverse-DNS application id, e.g. "org.example.deepdrill". */
  appId: z
    .string()
    .regex(/^[a-zA-Z][\w-]*(\.[a-zA-Z][\w-]*)+$/, 'reverse-DNS id like org.example.deepdrill'),
  /** Bank pack files (relative to this file) bundled with the app and imported on first run. */
  banks: z.array(z.string().min(1)).default([]),
  /** Also load DeepDrill's built-in bank. */
  includeBuiltinBank: z.boolean().default(true),
  lockdown: z
    .strictObject({
      /** Hide bank import in the app (learners use only the bundled banks). */
      hideImport: z.boolean().default(false),
      /** Only timed exams; no practice mode. */
      examOnly: z.boolean().default(false),
      /** Multiple-select scoring fixed by the institute; learners cannot change it. */
      fixedMsqRule: z.enum(['all-or-nothing', 'partial']).nullable().default(null),
    })
    .default({ hideImport: false, examOnly: false, fixedMsqRule: null }),
  /**
   * The institute's learning record store: results are sent there in the background (and the
   * learner cannot change it in Settings). Without it a learner may set one in Settings.
   */
  lrs: z
    .strictObject({
      /** The LRS's xAPI base address, e.g. `https://lrs.example.edu/xAPI`. */
      endpoint: z.url({
        protocol: /^https?$/,
        error: 'an http(s) address such as https://lrs.example.edu/xAPI',
      }),
      username: z.string().min(1).optional(),
      password: z.string().optional(),
      /** The xAPI account home page of learners and base of activity ids (default: the LRS's origin). */
      homePage: z
        .url({ protocol: /^https?$/, error: 'an http(s) address such as https://lms.example.edu' })
        .optional(),
    })
    .optional(),
  /** Course rules: weekly assignments, late work and grading (see docs/institutes.md). */
  course: courseSchema.optional(),
});

export type InstituteConfig = z.output<typeof instituteSchema>;

/** The configuration of a plain DeepDrill build. */
export const defaultInstitute: InstituteConfig = instituteSchema.parse({
  productName: 'DeepDrill',
  appId: 'org.deepdrill.app',
});

/**
 * Checks the text of `institute.json` (named `file` in errors); errors name the field. Bank
 * paths come back as written.
 */
export function parseInstitute(
  text: string,
  file: string,
): InstituteConfig & { readonly lockdown: Lockdown } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`, { cause: error });
  }
  const parsed = instituteSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (i) => `${i.path.join('.') || '(root)'}: ${i.message}`,
    );
    throw new Error(`${file}: ${problems.join('; ')}`);
  }
  return parsed.data;
}

/** Reads and checks `institute.json`; errors name the field. Bank paths come back absolute. */
export function loadInstitute(file: string): InstituteConfig & { readonly lockdown: Lockdown } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`, { cause: error });
  }
  const institute = parseInstitute(text, file);
  const base = dirname(file);
  return {
    ...institute,
    banks: institute.banks.map((bank) => (isAbsolute(bank) ? bank : join(base, bank))),
  };
}
