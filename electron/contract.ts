/**
 * The one contract between the renderer and the main process: the `AppApi` interface, the zod
 * schemas its inputs are parsed with at the boundary, and the result envelope. The preload, the
 * IPC registry, the HTTP transport of browser mode and the renderer's client are all derived
 * from `apiInputSchemas`; nothing keeps a hand-written copy of the method list.
 */
import { z } from 'zod';
import type {
  AssignmentStatus,
  CourseStanding,
  FinalExamRules,
  GradingScheme,
  LatePolicy,
  StartRefusal,
} from '../core/course';
import { MIN_EXAM_MINUTES } from '../core/exam-clock';
import { MAX_DAILY_GOAL } from '../core/types';
import type { Figure } from '../core/figures';
import type { ReviewSchedule } from '../core/mastery';
import type {
  FinishReason,
  ImportProblem,
  MasteryLevel,
  MsqRule,
  QuizMode,
  QuizStatus,
} from '../core/types';

export type { FinishReason, ImportProblem, MasteryLevel, MsqRule, QuizMode, QuizStatus };
export type { Figure };
export type {
  AssignmentStatus,
  CourseStanding,
  FinalExamRules,
  GradingScheme,
  LatePolicy,
  StartRefusal,
};

// ---------------------------------------------------------------------------------------------
// Inputs (parsed with zod at the transport boundary: they are `unknown` until then)

const id = z.number().int().positive();
const slug = z.string().min(1).max(120);

/**
 * A learner's response as sent by the page: option ids as the page knows them (`o1`, `o2`, … in
 * display order, see `core/option-order`), or the text typed.
 */
export const responseSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('choice'), optionIds: z.array(slug).max(12) }),
  z.strictObject({ kind: z.literal('numeric'), text: z.string().max(2000) }),
  /** The words typed for a short-answer question. */
  z.strictObject({ kind: z.literal('text'), text: z.string().max(2000) }),
]);

export const msqRuleSchema = z.enum(['all-or-nothing', 'partial']);
export const openQuizChoiceSchema = z.enum(['finish', 'discard']);
export const themeSchema = z.enum(['system', 'light', 'dark']);

export const startQuizSchema = z.strictObject({
  /** `practice`: feedback on request, can pause. `exam`: timed, keys only after finishing. */
  mode: z.enum(['practice', 'exam']),
  /**
   * `recommended` picks weak topics and due reviews; `due` only reviews that are due;
   * `questions` exactly `questionIds`, in that order, whatever `count` says (practise this
   * question, from the bank). `misconceptions` asks questions that can show the misconceptions
   * the learner showed most (the dashboard's list) again, topped up from their topics.
   */
  selection: z
    .enum(['topics', 'recommended', 'due', 'questions', 'misconceptions'])
    .default('topics'),
  topics: z.array(slug).max(100).default([]),
  questionIds: z.array(id).max(100).optional(),
  count: z.number().int().min(1).max(100),
  difficulty: z
    .strictObject({ min: z.number().int().min(1).max(5), max: z.number().int().min(1).max(5) })
    .refine((d) => d.min <= d.max, 'min must not exceed max')
    .optional(),
  /** Exam duration, at least {@link MIN_EXAM_MINUTES}; ignored in practice. */
  durationMinutes: z
    .number()
    .min(MIN_EXAM_MINUTES, `an exam lasts at least ${MIN_EXAM_MINUTES} minute`)
    .max(600)
    .optional(),
  msqRule: msqRuleSchema.optional(),
  /**
   * What to do with quizzes still open: without it, starting while one is open is refused
   * (`open-quiz`) so the page can ask. `finish` hands them in; `discard` throws practice
   * quizzes away (a running exam can only be finished).
   */
  openQuizzes: openQuizChoiceSchema.optional(),
});

const sessionRef = z.strictObject({ sessionId: id });
const matchFilter = {
  topics: z.array(slug).max(100).default([]),
  difficulty: startQuizSchema.shape.difficulty,
};
const itemRef = z.strictObject({ sessionId: id, position: z.number().int().min(0).max(1000) });

export const listQuestionsSchema = z.strictObject({
  search: z.string().max(200).default(''),
  topic: slug.optional(),
  type: z.enum(['mcq', 'msq', 'numeric', 'template', 'short']).optional(),
  difficulty: z.number().int().min(1).max(5).optional(),
  limit: z.number().int().min(1).max(200).default(50),
  offset: z.number().int().min(0).default(0),
});

export const settingsPatchSchema = z.strictObject({
  theme: themeSchema.optional(),
  defaultTimerMinutes: z.number().int().min(1).max(600).optional(),
  defaultMsqRule: msqRuleSchema.optional(),
  /** The first-run tour of the dashboard was finished or skipped. */
  tourSeen: z.boolean().optional(),
  /** Questions a day the learner aims for; 0 sets no goal. */
  dailyGoal: z.number().int().min(0).max(MAX_DAILY_GOAL).optional(),
});

/** A page of finished quizzes, newest first, optionally only one mode or those with a topic. */
export const listFinishedQuizzesSchema = z.strictObject({
  /** Only quizzes that asked at least one question of this topic. */
  topic: slug.optional(),
  mode: z.enum(['practice', 'exam']).optional(),
  limit: z.number().int().min(1).max(100).default(25),
  offset: z.number().int().min(0).default(0),
});

/**
 * The learner's answers as a file to save: CSV (one row per answer, the columns of `results
 * export --format csv`; `bom` starts it with the UTF-8 byte order mark so Excel reads accents)
 * or xAPI statements as JSON lines, built for `homePage` (the institution's address; default:
 * the one the results outbox uses, else {@link DEFAULT_XAPI_HOME_PAGE}).
 */
export const exportResultsSchema = z.strictObject({
  format: z.enum(['csv', 'xapi']),
  bom: z.boolean().optional(),
  homePage: z.string().min(1).max(500).optional(),
});

/** Most fixed variants per template item a bank export writes (`MAX_EXPORT_VARIANTS`; a test checks). */
export const MAX_BANK_EXPORT_VARIANTS = 50;

/**
 * An installed bank as a file: its DeepDrill JSON pack (everything, templates included), or
 * GIFT / Moodle XML, which hold only what maps, template items as `variants` fixed questions
 * each (seeds 0..variants−1; default 3; 0 leaves them out). The same writer as `bank export`.
 */
export const exportBankSchema = z.strictObject({
  bankId: slug,
  format: z.enum(['json', 'gift', 'moodle-xml']),
  variants: z.number().int().min(0).max(MAX_BANK_EXPORT_VARIANTS).optional(),
});

/** The xAPI home page of an export from the app when neither the learner nor the outbox gives one. */
export const DEFAULT_XAPI_HOME_PAGE = 'http://localhost';

/**
 * The learning record store the learner sets in Settings (`null` removes it). The address is
 * checked by the service (http or https only; credentials go in their own fields). A password
 * without a user name is refused; leaving `password` out keeps the one saved for that user.
 */
export const syncEndpointSchema = z
  .strictObject({
    endpoint: z.string().max(500),
    username: z.string().max(200).optional(),
    password: z.string().max(500).optional(),
  })
  .nullable();

/** A learner profile's name as typed (trimmed and checked by the service: 1–40 characters). */
const profileName = z.string().max(200);
/** A PIN as typed (checked by the service: 4 to 12 digits). */
const profilePin = z.string().max(64);
const profileRef = { profileId: id };

/** Input schema of every method. Adding a method here without a handler fails to compile. */
export const apiInputSchemas = {
  getAppInfo: z.void(),
  getDashboard: z.void(),
  listTopics: z.void(),
  startQuiz: startQuizSchema,
  getQuiz: sessionRef,
  getOpenQuiz: z.void(),
  listOpenQuizzes: z.void(),
  countMatching: z.strictObject(matchFilter),
  goTo: itemRef,
  saveAnswer: itemRef.extend({ response: responseSchema }),
  submitAnswer: itemRef.extend({ response: responseSchema }),
  markForReview: itemRef.extend({ marked: z.boolean() }),
  trySimilar: itemRef.extend({ openQuizzes: openQuizChoiceSchema.optional() }),
  tryAgain: itemRef,
  revealHint: itemRef,
  checkPart: itemRef.extend({ partId: slug, text: z.string().max(2000) }),
  pauseQuiz: sessionRef,
  resumeQuiz: sessionRef,
  finishQuiz: sessionRef,
  discardQuiz: sessionRef,
  getReview: sessionRef,
  listHistory: z.void(),
  listFinishedQuizzes: listFinishedQuizzesSchema,
  listQuestions: listQuestionsSchema,
  /** `withAnswer`: with the key and worked solution (refused while an exam runs). */
  previewQuestion: z.strictObject({ questionId: id, withAnswer: z.boolean().optional() }),
  importBank: z.strictObject({
    fileName: z.string().max(500),
    content: z.string(),
    /** Replace a bank of the same id that was imported from another file. */
    replace: z.boolean().optional(),
  }),
  getImportProgress: z.void(),
  getSettings: z.void(),
  updateSettings: settingsPatchSchema,
  backupNow: z.void(),
  listBackups: z.void(),
  restoreBackup: z.strictObject({ name: z.string().min(1).max(200) }),
  exportResults: exportResultsSchema,
  /** The installed banks (for Export…). */
  listBanks: z.void(),
  exportBank: exportBankSchema,
  /** The institute's course: assignments with status and the learner's standing (null: none). */
  getCourse: z.void(),
  /** Starts an attempt at an assignment, as an exam under the course's rules. */
  startAssignment: z.strictObject({
    assignmentId: slug,
    openQuizzes: openQuizChoiceSchema.optional(),
  }),
  /** Starts a mock final: the final exam's rules; it projects, never counts. */
  startMockFinal: z.strictObject({ openQuizzes: openQuizChoiceSchema.optional() }),
  listProfiles: z.void(),
  createProfile: z.strictObject({ name: profileName, pin: profilePin.optional() }),
  getSyncStatus: z.void(),
  syncNow: z.void(),
  setSyncEndpoint: syncEndpointSchema,
  /** Chooses who is studying (also unlocks the current profile); `pin` when it has one. */
  switchProfile: z.strictObject({ ...profileRef, pin: profilePin.optional() }),
  renameProfile: z.strictObject({ ...profileRef, name: profileName, pin: profilePin.optional() }),
  /** Sets, changes or (with `pin: null`) removes a PIN; `currentPin` when it has one. */
  setProfilePin: z.strictObject({
    ...profileRef,
    currentPin: profilePin.optional(),
    pin: profilePin.nullable(),
  }),
  deleteProfile: z.strictObject({ ...profileRef, pin: profilePin.optional() }),
  /** Back to "Who's studying?": nothing of the current profile is shown until one is chosen. */
  lockProfile: z.void(),
} as const;

export type ApiMethod = keyof typeof apiInputSchemas;
/** Every method name, in a stable order (preload and transports are built from this). */
export const apiMethods = Object.keys(apiInputSchemas) as ApiMethod[];
export type ApiInput<M extends ApiMethod> = z.input<(typeof apiInputSchemas)[M]>;
export type ParsedInput<M extends ApiMethod> = z.output<(typeof apiInputSchemas)[M]>;

// ---------------------------------------------------------------------------------------------
// Outputs (produced by our own service; typed, not parsed)

export type QuestionKind = 'mcq' | 'msq' | 'numeric' | 'short';
export type Theme = z.infer<typeof themeSchema>;
export type OpenQuizChoice = z.infer<typeof openQuizChoiceSchema>;
export type LearnerResponse = z.infer<typeof responseSchema>;

export interface AppInfo {
  readonly version: string;
  readonly mode: 'desktop' | 'browser';
  readonly dbPath: string;
  readonly schemaVersion: number;
  readonly questionCount: number;
  readonly productName: string;
  /** Institute lock-down options (hide import, exam only, fixed MSQ rule). */
  readonly lockdown: Lockdown;
  /** The title of the institute's course when institute.json sets one (the Assignments screen). */
  readonly courseTitle?: string | null;
  /** The review times the app's scheduler gives (Help and the tour explain them). */
  readonly reviewSchedule: ReviewSchedule;
}

export interface Lockdown {
  readonly hideImport: boolean;
  readonly examOnly: boolean;
  readonly fixedMsqRule: MsqRule | null;
}

export interface TopicMastery {
  readonly topicId: string;
  readonly title: string;
  readonly questionCount: number;
  /** Bayesian Knowledge Tracing P(known), 0–1. */
  readonly pKnown: number;
  readonly level: MasteryLevel;
  readonly attempts: number;
  readonly correct: number;
  /** Sum of the attempts' scores: partial credit counts as the part it earned. */
  readonly scoreSum: number;
}

export interface DayActivity {
  /** `YYYY-MM-DD`, local day of the answer. */
  readonly day: string;
  readonly answered: number;
  /** Mean score of that day's answers, 0–1 (0 when none). */
  readonly accuracy: number;
}

export interface Dashboard {
  readonly topics: readonly TopicMastery[];
  /** Last 30 days, oldest first, days without answers included. */
  readonly activity: readonly DayActivity[];
  readonly reviewsDue: number;
  readonly misconceptions: readonly { id: string; label: string; count: number }[];
  readonly totals: { readonly answered: number; readonly accuracy: number };
  /**
   * Local days in a row with at least one answer, ending today, or yesterday while nothing is
   * answered yet today.
   */
  readonly streakDays: number;
  /** Every unfinished quiz, a running exam first; each can be resumed. */
  readonly openQuizzes: readonly QuizSummary[];
}

export interface QuizSummary {
  readonly sessionId: number;
  readonly title: string;
  readonly mode: QuizMode;
  readonly status: QuizStatus;
  readonly createdAt: number;
  readonly finishedAt: number | null;
  readonly finishReason: FinishReason | null;
  readonly questionCount: number;
  readonly answeredCount: number;
  /** Sum of item scores, available once finished. */
  readonly score: number | null;
}

/** A finished quiz in the full history, with the topics its questions came from. */
export interface HistoryEntry extends QuizSummary {
  readonly topics: readonly { readonly topicId: string; readonly title: string }[];
}

/** One page of {@link AppApi.listFinishedQuizzes}: `total` counts every match, not the page. */
export interface HistoryPage {
  readonly total: number;
  readonly items: readonly HistoryEntry[];
}

/**
 * A choice option as the page sees it, in display order: an opaque id (`o1`, `o2`, …) and its
 * text; never its key, feedback or misconception before review.
 */
export interface OptionView {
  readonly id: string;
  readonly text: string;
}

/** How an answer scored: `partial` is a multiple-select answer with some credit. */
export type Outcome = 'correct' | 'partial' | 'wrong';

/** Feedback on one answered item: only sent in practice mode, or in review after finishing. */
export interface ItemFeedback {
  /** The graded attempt (null: finished without an answer). */
  readonly attemptId: number | null;
  readonly correct: boolean;
  readonly score: number;
  readonly outcome: Outcome;
  readonly correctOptionIds: readonly string[];
  /**
   * Key of a numeric item, formatted as the learner would type it; of a short answer, its first
   * full-credit answer as Moodle shows it (wildcards as spaces).
   */
  readonly correctValue: string | null;
  /**
   * Short answers: every accepted answer as written (`*` a wildcard) with the percent of credit
   * it gives, in the order they are tried; absent for other kinds.
   */
  readonly acceptedAnswers?: readonly { readonly text: string; readonly percent: number }[];
  /** Short answers: the feedback of the accepted answer the response matched, if any. */
  readonly answerFeedback?: string;
  /** Short answers: letter case must match (else it is ignored). */
  readonly caseSensitive?: boolean;
  readonly explanation: string;
  readonly steps: readonly string[];
  /** A picture of the worked solution, when the question has one (sent with the steps only). */
  readonly solutionFigure?: Figure;
  /** Feedback of each option, by option id (choice questions). */
  readonly optionFeedback: Readonly<Record<string, string>>;
  /** Misconception each wrong option stands for, by option id (choice questions). */
  readonly optionMisconceptions: Readonly<Record<string, { id: string; label: string }>>;
  /**
   * The misconception the learner's answer reveals, if any: a picked option's, or the one whose
   * value a typed answer equals; `feedback` says why that answer is wrong.
   */
  readonly misconception: {
    readonly id: string;
    readonly label: string;
    readonly feedback?: string;
  } | null;
}

/** One step-by-step part of a practice question, as the page sees it. */
export interface PartView {
  readonly id: string;
  /** What to compute, Markdown with LaTeX. */
  readonly prompt: string;
  readonly answerFormat: string;
  /** What the learner last entered for it, or null. */
  readonly response: string | null;
  /** Whether that entry was right; null before it is checked. */
  readonly correct: boolean | null;
  /** The part's key, shown once it is answered right or the question is checked. */
  readonly correctValue: string | null;
  /** A nudge for this part, or null. */
  readonly hint: string | null;
}

/**
 * Tutoring of a practice question: the hint ladder revealed so far, the step-by-step parts, and
 * what the next answer will count toward mastery. Never present in an exam.
 */
export interface TutorView {
  /** Rungs of the hint ladder revealed so far, least help first. */
  readonly hints: readonly string[];
  /** Rungs still hidden. */
  readonly hintsLeft: number;
  readonly parts: readonly PartView[];
  /** Earlier tries of this very variant ("Try again"), 0 for a first try. */
  readonly tries: number;
  /** Percent of full credit this answer gives mastery (repeats, hints and tries lower it). */
  readonly creditPercent: number;
}

export interface QuizItemView {
  readonly position: number;
  readonly questionId: number;
  readonly topicId: string;
  readonly topicTitle: string;
  readonly kind: QuestionKind;
  readonly stem: string;
  readonly options: readonly OptionView[];
  readonly answerFormat: string | null;
  /** A picture shown with the stem (built from the question's inputs only). */
  readonly figure?: Figure;
  /** True when generated from a template (so "try a similar one" applies). */
  readonly fromTemplate: boolean;
  readonly response: LearnerResponse | null;
  readonly marked: boolean;
  /** Present once checked (practice) or after the quiz finished. */
  readonly feedback: ItemFeedback | null;
  /** Practice only: hints and step-by-step parts, when the question has them; null in exams. */
  readonly tutor: TutorView | null;
}

export interface QuizState {
  readonly sessionId: number;
  readonly title: string;
  readonly mode: QuizMode;
  readonly status: QuizStatus;
  readonly msqRule: MsqRule;
  readonly currentPosition: number;
  /** Exams only: the full time allowed. */
  readonly durationMs: number | null;
  /** Exams only: when the time left runs out, by the main process' clock at `serverNow`. */
  readonly deadlineAt: number | null;
  /** Remaining time computed by the main process at the moment of the call. */
  readonly remainingMs: number | null;
  readonly serverNow: number;
  readonly items: readonly QuizItemView[];
  readonly finishReason: FinishReason | null;
}

export interface TopicScore {
  readonly topicId: string;
  readonly title: string;
  readonly score: number;
  readonly max: number;
}

export interface QuizReview {
  readonly quiz: QuizState;
  readonly score: number;
  readonly maxScore: number;
  readonly byTopic: readonly TopicScore[];
}

export interface QuestionListItem {
  readonly questionId: number;
  readonly itemId: string;
  readonly bankId: string;
  readonly topicId: string;
  readonly topicTitle: string;
  readonly type: 'mcq' | 'msq' | 'numeric' | 'template' | 'short';
  readonly difficulty: number;
  /** First line of the stem without Markdown markers (formulas kept as `$…$`), or the template title. */
  readonly summary: string;
}

export interface QuestionPage {
  readonly total: number;
  readonly items: readonly QuestionListItem[];
}

export interface QuestionPreview {
  readonly item: QuestionListItem;
  /** As learners see it; `feedback` (key, explanation, worked solution) only `withAnswer`. */
  readonly view: QuizItemView;
}

/** A question of a foreign file (GIFT, Moodle XML) of a type DeepDrill cannot represent. */
export interface UnsupportedQuestion {
  /** `line 14` (GIFT) or `quiz/question[7]` (Moodle XML). */
  readonly position: string;
  /** `essay`, `matching`, `cloze`, … */
  readonly type: string;
  readonly title: string;
}

export interface ImportReport {
  readonly ok: boolean;
  readonly bankId: string | null;
  readonly added: number;
  readonly updated: number;
  readonly unchanged: number;
  /** Questions the new version of the bank no longer has (kept for history, not asked). */
  readonly retired: number;
  readonly problems: readonly ImportProblem[];
  /** Questions left out because their type cannot be represented (foreign formats). */
  readonly unsupported: readonly UnsupportedQuestion[];
  /**
   * How many problems and left-out questions there were in all: the lists above are capped
   * (a hostile file can have millions), these counts are not.
   */
  readonly problemCount?: number;
  readonly unsupportedCount?: number;
  /**
   * What imported questions lost (audio, video, images too large, on the web or of a type not
   * shown), each naming its question; absent when nothing was dropped. Capped like the lists
   * above; `droppedCount` counts all.
   */
  readonly dropped?: readonly DroppedContent[];
  readonly droppedCount?: number;
}

/** Content of an imported question that could not be kept (the question was kept without it). */
export interface DroppedContent {
  /** `line 14` (GIFT) or `quiz/question[7]` (Moodle XML). */
  readonly position: string;
  readonly title: string;
  /** `audio sound.mp3`, `image chart.png: 3 MB is larger than the 1 MB an image may have`, … */
  readonly what: string;
}

/** Where a running bank import is. */
export interface ImportProgress {
  readonly fileName: string;
  /** `reading`: parsing and validating the file; `writing`: storing its questions. */
  readonly phase: 'reading' | 'writing';
  /** Questions being written (known once the file is read). */
  readonly questions: number | null;
  readonly startedAt: number;
}

export interface Settings {
  readonly theme: Theme;
  readonly defaultTimerMinutes: number;
  readonly defaultMsqRule: MsqRule;
  /** The first-run tour was finished or skipped (false until then: the dashboard offers it). */
  readonly tourSeen: boolean;
  /** Questions a day the learner aims for (the dashboard's "Today"); 0: no goal. */
  readonly dailyGoal: number;
}

/** One backup file in the data folder's `backups/`. */
export interface BackupInfo {
  readonly name: string;
  readonly kind: 'auto' | 'manual' | 'pre-restore';
  readonly createdAt: number;
  readonly bytes: number;
}

/** A file for the page to save (it downloads it: the page cannot write files itself). */
/** An installed bank. */
export interface BankSummary {
  readonly id: string;
  readonly title: string;
  /** Its questions now (retired ones not counted). */
  readonly questionCount: number;
}

/** A bank written as a file (see `exportBank`). */
export interface ExportedBank {
  readonly fileName: string;
  readonly mimeType: string;
  readonly content: string;
  /** Items of the bank, and how many of them were written. */
  readonly items: number;
  readonly exported: number;
  /** Questions in the file (a template item counts once per variant). */
  readonly questions: number;
  /** Template items written as fixed variants, and the variants of each. */
  readonly templates: number;
  readonly variants: number;
  /** Items the format cannot hold, each with why. */
  readonly notExported: readonly { readonly id: string; readonly reason: string }[];
}

export interface ExportedFile {
  readonly fileName: string;
  readonly mimeType: string;
  readonly content: string;
  /** CSV rows, or xAPI statements. */
  readonly records: number;
}

/** One learner profile as the picker and Settings show it (never its PIN). */
export interface ProfileSummary {
  readonly id: number;
  readonly name: string;
  readonly hasPin: boolean;
  readonly lastUsedAt: number | null;
}

/** The profiles of this install and who is studying. */
export interface ProfilesState {
  readonly profiles: readonly ProfileSummary[];
  /** The current profile (the one studying, or the one last chosen while locked). */
  readonly currentId: number;
  /**
   * Nobody is chosen yet (at start with two or more profiles or a PIN, or after "Lock"): the
   * page shows "Who's studying?", and calls about a learner's data are refused (`locked`).
   */
  readonly locked: boolean;
}

/** What the background sync of results to the learning record store is doing. */
export type SyncState =
  /** No endpoint configured: nothing is sent. */
  | 'off'
  /** Configured; the last attempt succeeded (or none was made yet). */
  | 'idle'
  /** Posting to the LRS now. */
  | 'sending'
  /** The last attempt failed; the next one waits (`nextAttemptAt`, backing off). */
  | 'waiting';

/**
 * Why the last attempt failed: the LRS could not be reached, refused the credentials, failed
 * (5xx), refused the request, refused some statements as invalid, or the settings are wrong.
 */
export type SyncErrorReason =
  'unreachable' | 'credentials' | 'server' | 'refused' | 'rejected' | 'settings';

export interface SyncStatus {
  /** The LRS's xAPI address (never with a password), or null when none is configured. */
  readonly endpoint: string | null;
  readonly username: string | null;
  /** A password is saved for the endpoint (it is never sent to the page). */
  readonly hasPassword: boolean;
  /** Who set the endpoint: institute.json (read-only in Settings), the learner, or nobody. */
  readonly configuredBy: 'institute' | 'settings' | null;
  /** Statements of finished quizzes not yet received by the LRS (all profiles of this database). */
  readonly pending: number;
  /** When a sync last succeeded (ms since the epoch). */
  readonly lastSuccessAt: number | null;
  /** What the last successful sync did. */
  readonly lastRun: {
    readonly sent: number;
    readonly already: number;
    readonly failed: number;
  } | null;
  readonly lastError: {
    readonly reason: SyncErrorReason;
    readonly message: string;
    readonly at: number;
  } | null;
  /** When the next attempt is due (null: none scheduled, e.g. while sending or off). */
  readonly nextAttemptAt: number | null;
  readonly state: SyncState;
}

/** One assignment of the course as the Assignments screen shows it. Times in ms. */
export interface AssignmentView {
  readonly id: string;
  readonly title: string;
  readonly week: number;
  readonly opensAt: number;
  readonly dueAt: number;
  /** When no more work is taken (late work included); null: late work is taken for good. */
  readonly closesAt: number | null;
  readonly status: AssignmentStatus;
  readonly questionCount: number;
  /** Time per attempt; null: the learner's default exam timer. */
  readonly durationMinutes: number | null;
  /** Attempts started (a running one included). */
  readonly attemptsUsed: number;
  readonly attemptsAllowed: number;
  /** Best finished attempt's score after late penalties, 0–1; null when none. */
  readonly best: number | null;
  /** The running attempt, to resume. */
  readonly openSessionId: number | null;
  /** The latest finished attempt, for its review. */
  readonly lastFinishedSessionId: number | null;
  /** Why no attempt can start now (`in-progress`: one is running); null when one can. */
  readonly cannotStart: StartRefusal['reason'] | 'in-progress' | null;
  /** Percent a start now would lose for being late (0 on time). */
  readonly latePenaltyPercent: number;
}

/** The course, the learner's work in it, and where that leaves them. */
export interface CourseView {
  readonly title: string;
  /** In the order institute.json lists them. */
  readonly assignments: readonly AssignmentView[];
  readonly latePolicy: LatePolicy;
  readonly grading: GradingScheme;
  readonly finalExam: FinalExamRules;
  /** Standing from the best assignment scores and, when one is finished, the last mock final. */
  readonly standing: CourseStanding;
  readonly mockFinal: {
    readonly sessionId: number;
    /** Score over maximum, 0–1. */
    readonly fraction: number;
    readonly finishedAt: number;
  } | null;
  /** A mock final still running, to resume. */
  readonly openMockFinalSessionId: number | null;
  readonly serverNow: number;
}

/** The application's use cases. Implemented once, in `electron/service`. */
export interface AppApi {
  getAppInfo(): Promise<AppInfo>;
  getDashboard(): Promise<Dashboard>;
  listTopics(): Promise<readonly TopicMastery[]>;
  startQuiz(input: ParsedInput<'startQuiz'>): Promise<QuizState>;
  getQuiz(input: ParsedInput<'getQuiz'>): Promise<QuizState>;
  /** The open quiz to come back to: a running exam first, else the newest. */
  getOpenQuiz(): Promise<QuizState | null>;
  /** Every unfinished quiz (running exam first, then newest). */
  listOpenQuizzes(): Promise<readonly QuizSummary[]>;
  /** How many questions a topic quiz with these filters can draw from (shown before starting). */
  countMatching(input: ParsedInput<'countMatching'>): Promise<{ readonly matching: number }>;
  /** Moves to a question (remembered without an fsync: nothing the learner entered changes). */
  goTo(input: ParsedInput<'goTo'>): Promise<QuizState>;
  /** Saves (an empty response clears) the answer, committed with a full fsync. Not graded. */
  saveAnswer(input: ParsedInput<'saveAnswer'>): Promise<QuizState>;
  /**
   * The answer path: saves the response and, in practice, grades it — attempt, mastery, review
   * card and counts in ONE transaction (`synchronous = FULL`) — returning the state with that
   * item's feedback. In a running exam it saves only (exams are graded when they finish).
   */
  submitAnswer(input: ParsedInput<'submitAnswer'>): Promise<QuizState>;
  markForReview(input: ParsedInput<'markForReview'>): Promise<QuizState>;
  trySimilar(input: ParsedInput<'trySimilar'>): Promise<QuizState>;
  /**
   * Practice, after a wrong check: the same variant again as the next question, for less
   * credit (see `TutorView.creditPercent`).
   */
  tryAgain(input: ParsedInput<'tryAgain'>): Promise<QuizState>;
  /** Practice: reveals the next rung of the question's hint ladder (each lowers the credit). */
  revealHint(input: ParsedInput<'revealHint'>): Promise<QuizState>;
  /** Practice: checks one step-by-step part at once; a wrong count is refused, not counted. */
  checkPart(input: ParsedInput<'checkPart'>): Promise<QuizState>;
  pauseQuiz(input: ParsedInput<'pauseQuiz'>): Promise<QuizState>;
  resumeQuiz(input: ParsedInput<'resumeQuiz'>): Promise<QuizState>;
  finishQuiz(input: ParsedInput<'finishQuiz'>): Promise<QuizReview>;
  /** Throws an unfinished practice quiz away (nothing in it is graded). */
  discardQuiz(input: ParsedInput<'discardQuiz'>): Promise<QuizSummary>;
  getReview(input: ParsedInput<'getReview'>): Promise<QuizReview>;
  listHistory(): Promise<readonly QuizSummary[]>;
  /** Every finished quiz, a page at a time, newest first; filter by topic and mode. */
  listFinishedQuizzes(input: ParsedInput<'listFinishedQuizzes'>): Promise<HistoryPage>;
  listQuestions(input: ParsedInput<'listQuestions'>): Promise<QuestionPage>;
  previewQuestion(input: ParsedInput<'previewQuestion'>): Promise<QuestionPreview>;
  importBank(input: ParsedInput<'importBank'>): Promise<ImportReport>;
  /** The import running now (the page polls it while `importBank` is pending), or null. */
  getImportProgress(): Promise<ImportProgress | null>;
  getSettings(): Promise<Settings>;
  updateSettings(input: ParsedInput<'updateSettings'>): Promise<Settings>;
  /** Backs the database up now with SQLite's online backup API. */
  backupNow(): Promise<BackupInfo>;
  listBackups(): Promise<readonly BackupInfo[]>;
  /** Restores a backup in place after keeping a `pre-restore` copy of the current data. */
  restoreBackup(input: ParsedInput<'restoreBackup'>): Promise<BackupInfo>;
  /** The learner's answers as CSV or xAPI JSON lines (refused while an exam runs: keys). */
  exportResults(input: ParsedInput<'exportResults'>): Promise<ExportedFile>;
  /** The installed banks, with how many questions each holds. */
  listBanks(): Promise<readonly BankSummary[]>;
  /**
   * A bank as a JSON pack, GIFT or Moodle XML file, with what could not be written and why
   * (refused while an exam runs: the file holds keys).
   */
  exportBank(input: ParsedInput<'exportBank'>): Promise<ExportedBank>;
  /** The course of institute.json with the learner's assignments and standing; null: none. */
  getCourse(): Promise<CourseView | null>;
  /**
   * Starts an attempt at an assignment as an exam (keys hidden until it is finished). Refused
   * when it is not open, its attempts are used up, or it is late and the course refuses late
   * work; an attempt never runs past the time the course stops taking it.
   */
  startAssignment(input: ParsedInput<'startAssignment'>): Promise<QuizState>;
  /** Starts a mock final under the final exam's rules (count, duration, topics). */
  startMockFinal(input: ParsedInput<'startMockFinal'>): Promise<QuizState>;
  listProfiles(): Promise<ProfilesState>;
  /** Adds a profile (names unique ignoring case); does not switch to it. */
  createProfile(input: ParsedInput<'createProfile'>): Promise<ProfilesState>;
  /**
   * Makes `profileId` the one studying. Refused with a wrong PIN (five in a row block PIN entry
   * for 30 s) and while the current profile's exam runs (its keys must not reach anyone).
   */
  switchProfile(input: ParsedInput<'switchProfile'>): Promise<ProfilesState>;
  renameProfile(input: ParsedInput<'renameProfile'>): Promise<ProfilesState>;
  setProfilePin(input: ParsedInput<'setProfilePin'>): Promise<ProfilesState>;
  /** Deletes a profile and all its quizzes, answers, mastery and reviews (never the last one). */
  deleteProfile(input: ParsedInput<'deleteProfile'>): Promise<ProfilesState>;
  /** The background sync of results to the institute's learning record store. */
  getSyncStatus(): Promise<SyncStatus>;
  /** Sends what is pending now (joining a sync already under way); the status after it. */
  syncNow(): Promise<SyncStatus>;
  /** Sets or removes the learner's LRS (refused when institute.json names one). */
  setSyncEndpoint(input: ParsedInput<'setSyncEndpoint'>): Promise<SyncStatus>;
  lockProfile(): Promise<ProfilesState>;
}

// Compile-time check: the schema map and the interface name the same methods.
type SameKeys<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never]
  ? true
  : never;
export const contractKeysAgree: SameKeys<AppApi, typeof apiInputSchemas> = true;

// ---------------------------------------------------------------------------------------------
// Envelope: errors cross the boundary as values, never as thrown exceptions.

/** Machine-readable error codes; `message` is what the learner is shown. */
export type ApiErrorCode =
  | 'invalid-input'
  | 'not-found'
  | 'conflict'
  /** Starting needs a decision about the quizzes still open (see `startQuiz.openQuizzes`). */
  | 'open-quiz'
  /** Refused while an exam runs: it would show a key. */
  | 'exam-running'
  | 'deadline-passed'
  | 'forbidden'
  /** The disk is full, read-only or failing: nothing was saved by this call (the message says what to do). */
  | 'storage'
  /** Nobody is chosen to study yet (see `ProfilesState.locked`): the page shows the picker. */
  | 'locked'
  | 'internal';

export interface ApiErrorValue {
  readonly code: ApiErrorCode;
  readonly message: string;
}

export type ApiResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ApiErrorValue };

/** What a transport (preload bridge or HTTP) exposes: one function per method. */
export type ApiBridge = {
  readonly [M in ApiMethod]: (
    input?: unknown,
  ) => Promise<ApiResult<Awaited<ReturnType<AppApi[M]>>>>;
};

/** IPC channel name of a method (one prefix, one place). */
export const ipcChannel = (method: ApiMethod): string => `deepdrill:${method}`;
