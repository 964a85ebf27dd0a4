/**
 * The built-in question bank, `deepdrill-core`: every topic of the course with hand-written items
 * (mcq, msq, numeric) and template items that generate fresh numeric variants. Seeded into a new
 * database on first run and exported by `bank export --builtin`.
 */
import type { BankItemInput, BankPackInput } from '../bank/schema';
import { activationsItems } from './items/activations';
import { augmentationItems } from './items/augmentation';
import { backpropagationItems } from './items/backpropagation';
import { autoencodersItems } from './items/autoencoders';
import { capacityItems } from './items/capacity';
import { cnnArchitecturesItems } from './items/cnn-architectures';
import { cnnArithmeticItems } from './items/cnn-arithmetic';
import { detectionMetricsItems } from './items/detection-metrics';
import { dropoutItems } from './items/dropout';
import { efficientCnnsItems } from './items/efficient-cnns';
import { initializationItems } from './items/initialization';
import { interpretabilityItems } from './items/interpretability';
import { linearClassifiersItems } from './items/linear-classifiers';
import { lossFunctionsItems } from './items/loss-functions';
import { metricLearningItems } from './items/metric-learning';
import { normalizationItems } from './items/normalization';
import { objectDetectionItems } from './items/object-detection';
import { optimizationItems } from './items/optimization';
import { optimizersItems } from './items/optimizers';
import { pytorchCodeItems } from './items/pytorch-code';
import { regularizationItems } from './items/regularization';
import { segmentationItems } from './items/segmentation';
import { sequenceModelsItems } from './items/sequence-models';
import { seq2seqItems } from './items/seq2seq';
import { attentionItems } from './items/attention';
import { vaeItems } from './items/vae';
import { gansItems } from './items/gans';
import { trainingDiagnosticsItems } from './items/training-diagnostics';
import { transferLearningItems } from './items/transfer-learning';
import { upsamplingItems } from './items/upsampling';
import { builtinBankId } from './id';
import { builtinTopics } from './topics';

/** All items of the built-in bank, grouped by topic in the order of {@link builtinTopics}. */
export const builtinItems: readonly BankItemInput[] = [
  ...normalizationItems,
  ...regularizationItems,
  ...dropoutItems,
  ...augmentationItems,
  ...capacityItems,
  ...linearClassifiersItems,
  ...backpropagationItems,
  ...trainingDiagnosticsItems,
  ...optimizationItems,
  ...optimizersItems,
  ...activationsItems,
  ...cnnArithmeticItems,
  ...efficientCnnsItems,
  ...cnnArchitecturesItems,
  ...transferLearningItems,
  ...pytorchCodeItems,
  ...upsamplingItems,
  ...segmentationItems,
  ...objectDetectionItems,
  ...detectionMetricsItems,
  ...interpretabilityItems,
  ...metricLearningItems,
  ...autoencodersItems,
  ...sequenceModelsItems,
  ...seq2seqItems,
  ...attentionItems,
  ...vaeItems,
  ...gansItems,
  ...initializationItems,
  ...lossFunctionsItems,
];

/** The built-in bank pack (format v1), ready for `bankPackSchema.parse`. */
export const builtinPack: BankPackInput = {
  format: 'deepdrill-bank',
  version: 1,
  id: builtinBankId,
  title: 'DeepDrill core: deep-learning fundamentals',
  license: 'CC-BY-4.0',
  description:
    'Questions on normalisation, regularisation, CNN arithmetic, upsampling, segmentation metrics, metric learning, sequence models and more, with worked explanations. Template items generate fresh numeric variants.',
  topics: builtinTopics.map((topic) => ({ ...topic })),
  items: [...builtinItems],
};
