import type { BankItemInput } from '../../bank/schema';
import { templateItems } from '../template-items';

const topic = 'linear-classifiers';

/** Linear classifiers: the multiclass hinge (SVM) loss and softmax cross-entropy on class scores. */
export const linearClassifiersItems: BankItemInput[] = [
  ...templateItems('multiclass-hinge-loss', topic, { base: 1, tags: ['svm', 'hinge-loss'] }),
  ...templateItems('softmax-cross-entropy', topic, {
    base: 1,
    tags: ['softmax', 'cross-entropy'],
  }),
];
