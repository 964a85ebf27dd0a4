/**
 * `source` strings of the built-in bank. The source-quiz items are our own rewrites of the
 * questions solved in a deep-learning course's live session; everything else is original.
 */

/** Items rewritten from the weekly quiz solved in the week 11 live session. */
export const SOURCE_QUIZ =
  'Deep-learning course, weekly quiz solved in the week 11 live session (rewritten)';

/** Items written for DeepDrill from the side remarks of that live session. */
export const SOURCE_REMARK = 'DeepDrill authors, after a remark in the week 11 live session';

/** Items written for DeepDrill. */
export const AUTHORS = 'DeepDrill authors';

/** Tag carried by every rewritten source-quiz item. */
export const SOURCE_QUIZ_TAG = 'source-quiz';
