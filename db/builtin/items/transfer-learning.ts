import type { BankItemInput } from '../../bank/schema';
import { AUTHORS, SOURCE_REMARK } from '../sources';

/** Reusing pretrained networks: feature extraction and fine-tuning. */
export const transferLearningItems: BankItemInput[] = [
  {
    id: 'tl-vgg16-small-data',
    topic: 'transfer-learning',
    type: 'mcq',
    stem: 'You have 600 labelled photos of 5 kinds of everyday objects and a VGG16 pretrained on ImageNet. Which plan is most likely to work best?',
    options: [
      {
        id: 'freeze-and-head',
        text: 'Keep the pretrained convolutional layers frozen, replace the classifier with a new 5-class head and train only the head (then optionally fine-tune the top block with a small learning rate).',
        feedback:
          'Correct: the pretrained features do most of the work and few parameters have to be learned from 600 images.',
      },
      {
        id: 'scratch',
        text: 'Train VGG16 from random initialisation on the 600 photos.',
        feedback: 'About 138 million parameters learned from 600 images will overfit badly.',
      },
      {
        id: 'finetune-all-high-lr',
        text: 'Fine-tune all layers with a large learning rate so the network adapts quickly.',
        feedback:
          'A large learning rate on all layers destroys the pretrained features and overfits the small dataset.',
      },
      {
        id: 'keep-imagenet-head',
        text: 'Use the network unchanged and map its 1000 ImageNet outputs to your classes by hand.',
        feedback:
          'Your 5 classes need not match ImageNet classes; a small learned head on the features is more reliable.',
      },
    ],
    answer: ['freeze-and-head'],
    explanation: String.raw`Transfer learning reuses features learned on a large dataset. With little data that is similar to the pretraining data, the safest approach is feature extraction: freeze the convolutional base (its generic edge, texture and part detectors transfer well), put a new classifier for your classes on top, and train only that. Once the head has converged you can unfreeze the last block and fine-tune it with a learning rate around 10–100 times smaller. Training everything from scratch, or fine-tuning everything aggressively, asks too many parameters to be fitted from too few examples.`,
    difficulty: 2,
    tags: ['transfer-learning', 'fine-tuning', 'vgg', 'live-session-remark'],
    source: SOURCE_REMARK,
  },
  {
    id: 'tl-fine-tune-lr',
    topic: 'transfer-learning',
    type: 'mcq',
    stem: 'When fine-tuning the pretrained layers of a network on a new task, how is the learning rate usually chosen compared with training from scratch?',
    options: [
      {
        id: 'larger',
        text: 'Larger, to escape the pretrained solution quickly.',
        feedback: 'The pretrained solution is the asset; large steps early on wipe it out.',
      },
      {
        id: 'same',
        text: 'The same: the learning rate does not depend on initialisation.',
        feedback: 'Starting close to a good solution calls for smaller steps.',
      },
      {
        id: 'smaller',
        text: 'Smaller, so the pretrained weights are adjusted gently rather than overwritten.',
        feedback: 'Correct.',
      },
      {
        id: 'zero',
        text: 'Zero for all layers.',
        feedback:
          'Then nothing is fine-tuned; that is pure feature extraction with a frozen network.',
      },
    ],
    answer: ['smaller'],
    explanation: String.raw`Pretrained weights already sit in a good region of the loss landscape. Large updates, especially while a freshly initialised head still produces large, noisy gradients, can destroy the useful features ("catastrophic forgetting"). Common practice: train the new head first, then unfreeze and fine-tune with a small learning rate, sometimes smaller still for the earliest layers (discriminative learning rates).`,
    difficulty: 2,
    tags: ['fine-tuning', 'learning-rate'],
    source: AUTHORS,
  },
  {
    id: 'tl-generic-early-layers',
    topic: 'transfer-learning',
    type: 'mcq',
    stem: 'Why do the early layers of an ImageNet-pretrained CNN transfer well to very different image tasks?',
    options: [
      {
        id: 'class-specific',
        text: 'They encode the 1000 ImageNet classes directly.',
        feedback: 'Class-specific information is concentrated in the last layers.',
      },
      {
        id: 'generic-features',
        text: 'They detect generic features such as edges, colour blobs and textures that are useful for almost any images.',
        feedback: 'Correct: specialisation increases with depth.',
      },
      {
        id: 'no-weights',
        text: 'They have no trainable weights.',
        feedback: 'Early convolution layers have weights, learned like any other.',
      },
      {
        id: 'random',
        text: 'They are nearly random, so they cannot hurt.',
        feedback:
          'Trained early filters are highly structured (Gabor-like edge detectors), not random.',
      },
    ],
    answer: ['generic-features'],
    explanation: String.raw`Visualisations of trained CNNs show a hierarchy: first layers respond to oriented edges and colours, middle layers to textures and parts, last layers to class-specific object configurations. Early features are reusable almost everywhere, later ones less so; this guides how many layers to freeze (more for similar tasks and small data, fewer for different domains and large data).`,
    difficulty: 1,
    tags: ['transfer-learning', 'feature-hierarchy'],
    source: AUTHORS,
  },
  {
    id: 'tl-large-different-domain',
    topic: 'transfer-learning',
    type: 'msq',
    stem: 'You have 200,000 labelled chest X-rays and an ImageNet-pretrained ResNet. Which statements are sensible? Select all that apply.',
    options: [
      {
        id: 'freeze-all-best',
        text: 'Freezing every pretrained layer and training only a linear head is guaranteed to be best.',
        feedback:
          'Not sensible: X-rays differ a lot from ImageNet photos, and there is plenty of data to adapt the features.',
      },
      {
        id: 'init-finetune-all',
        text: 'Initialise from the pretrained weights and fine-tune all layers.',
        feedback: 'Sensible: pretrained initialisation usually converges faster and rarely hurts.',
      },
      {
        id: 'pretrained-useless',
        text: 'Because X-rays are greyscale, pretrained weights cannot be used at all.',
        feedback:
          'Not sensible: a greyscale image can be repeated over three channels, or the first layer’s filters summed over colour.',
      },
      {
        id: 'more-layers-than-small',
        text: 'With this much data it is reasonable to fine-tune more layers than you would with 2,000 images.',
        feedback: 'Sensible: more data supports adapting more parameters without overfitting.',
      },
    ],
    answer: ['init-finetune-all', 'more-layers-than-small'],
    explanation: String.raw`Two factors decide the strategy: dataset size and similarity to the pretraining data. Small and similar: freeze most layers. Large and different (as here): initialise from pretrained weights and fine-tune most or all layers; training from scratch is also feasible but usually slower to reach the same accuracy. Input format differences such as greyscale are solved by adapting the first layer, not by discarding the pretraining.`,
    difficulty: 3,
    tags: ['transfer-learning', 'fine-tuning', 'domain-shift'],
    source: AUTHORS,
  },
  {
    id: 'tl-new-head-params',
    topic: 'transfer-learning',
    type: 'numeric',
    stem: String.raw`VGG16's last dense layer maps 4096 features to 1000 ImageNet classes. You replace it with a dense layer (with biases) for your 5 classes and train only that layer. How many parameters are trained?`,
    answer: { value: 20485, tolerance: { abs: 0 } },
    answerFormat: 'an integer',
    explanation: String.raw`$4096 \times 5$ weights $+ 5$ biases $= 20480 + 5 = 20485$. Compared with the roughly 138 million parameters of the whole network, this is a tiny number to fit, which is why head-only training works with a few hundred images.`,
    difficulty: 2,
    tags: ['transfer-learning', 'parameters', 'vgg'],
    source: AUTHORS,
  },
  {
    id: 'tl-frozen-base-trainable',
    topic: 'transfer-learning',
    type: 'numeric',
    stem: String.raw`You keep VGG16's convolutional base frozen (its output is $7 \times 7 \times 512$), flatten it, and add a new head: a dense layer with 256 units, then a dense layer with 5 outputs, both with biases. How many **trainable** parameters does the model have?`,
    answer: { value: 6424069, tolerance: { abs: 0 } },
    answerFormat: 'an integer',
    explanation: String.raw`Only the head is trainable.

- Flatten: $7 \cdot 7 \cdot 512 = 25088$ features.
- Dense 256: $25088 \times 256 + 256 = 6422528 + 256 = 6422784$.
- Dense 5: $256 \times 5 + 5 = 1285$.

Total $6422784 + 1285 = 6424069$. The frozen base (about 14.7 million weights) is not counted; replacing the flatten by global average pooling would cut the head to $512 \times 256 + 256 + 1285 = 132613$.`,
    difficulty: 3,
    tags: ['transfer-learning', 'parameters', 'vgg'],
    source: AUTHORS,
  },
  {
    id: 'tl-feature-extraction',
    topic: 'transfer-learning',
    type: 'mcq',
    stem: 'In transfer learning, what distinguishes "feature extraction" from "fine-tuning"?',
    options: [
      {
        id: 'frozen-vs-updated',
        text: 'Feature extraction keeps the pretrained weights frozen and trains only new layers; fine-tuning also updates (some of) the pretrained weights.',
        feedback: 'Correct.',
      },
      {
        id: 'reverse',
        text: 'Feature extraction updates all pretrained weights; fine-tuning freezes them.',
        feedback: 'The definitions are swapped.',
      },
      {
        id: 'data',
        text: 'Feature extraction uses the original training data; fine-tuning uses new data.',
        feedback: 'Both use the new task’s data; the difference is which weights are trained.',
      },
      {
        id: 'same',
        text: 'They are two names for the same procedure.',
        feedback: 'They differ in whether the pretrained weights change.',
      },
    ],
    answer: ['frozen-vs-updated'],
    explanation: String.raw`Feature extraction treats the pretrained network as a fixed function that maps inputs to features, on which a new (small) model is trained. Fine-tuning continues training some or all of the pretrained layers on the new task, usually with a small learning rate, to adapt the features themselves. The first is cheaper and safer with little data; the second adapts better when there is enough data or the domain differs.`,
    difficulty: 1,
    tags: ['transfer-learning', 'fine-tuning'],
    source: AUTHORS,
  },
  {
    id: 'tl-preprocessing',
    topic: 'transfer-learning',
    type: 'mcq',
    stem: 'Your fine-tuned pretrained model performs far worse than expected. You discover that the new images are fed as raw 0–255 pixel values. What is the likely issue?',
    options: [
      {
        id: 'pixels-irrelevant',
        text: 'Nothing: a CNN is invariant to the scale of its input.',
        feedback:
          'Convolutions and biases are not scale-invariant; activations would be far outside the trained range.',
      },
      {
        id: 'need-more-layers',
        text: 'The model needs additional layers to learn the scaling.',
        feedback: 'Simply apply the same normalisation as during pretraining.',
      },
      {
        id: 'need-scratch',
        text: 'Pretrained models only work on the original dataset.',
        feedback: 'They transfer well when used with the right preprocessing.',
      },
      {
        id: 'match-preprocessing',
        text: 'Inputs must be preprocessed exactly as during pretraining (same scaling, mean/std normalisation, channel order), or the pretrained filters see inputs on the wrong scale.',
        feedback: 'Correct.',
      },
    ],
    answer: ['match-preprocessing'],
    explanation: String.raw`A pretrained network's first-layer filters and biases, and its batch-norm statistics, were fitted to inputs with a specific preprocessing (for ImageNet models, typically scaling to $[0, 1]$ and normalising each channel with the ImageNet mean and standard deviation, sometimes BGR order). Feeding differently scaled inputs shifts every activation away from what the later layers expect. Reuse the model's own preprocessing function and input size.`,
    difficulty: 2,
    tags: ['transfer-learning', 'preprocessing'],
    source: AUTHORS,
  },
  {
    id: 'tl-requires-grad-code',
    topic: 'transfer-learning',
    type: 'mcq',
    stem:
      String.raw`Which parameters does this fine-tuning set-up train?

` +
      '```python\nmodel = torchvision.models.resnet18(weights="IMAGENET1K_V1")\nfor p in model.parameters():\n    p.requires_grad = False\nmodel.fc = nn.Linear(512, 5)\noptimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)\n```',
    options: [
      {
        id: 'nothing',
        text: 'None: every parameter was frozen before the optimiser was built.',
        feedback:
          'The loop froze the parameters that existed at that moment. `model.fc = nn.Linear(512, 5)` creates new parameters afterwards, and new parameters require gradients by default.',
      },
      {
        id: 'everything',
        text: 'All of ResNet-18, because the optimiser is given `model.parameters()`.',
        feedback:
          'Handing a parameter to the optimiser does not make it trainable: a frozen parameter never receives a `.grad`, and SGD skips parameters whose `.grad` is `None`.',
      },
      {
        id: 'head-only',
        text: 'Only the new 5-class layer `model.fc` (512 × 5 weights and 5 biases), because it was created after the freezing loop.',
        feedback:
          'Correct: its parameters still have `requires_grad=True`, so it is the only part that receives gradients and updates.',
      },
      {
        id: 'error',
        text: 'None, because building the optimiser raises an error when most parameters do not require gradients.',
        feedback:
          'torch.optim accepts parameters with `requires_grad=False` without complaint. Passing only the trainable ones, for example `model.fc.parameters()`, is tidier but not required.',
      },
    ],
    answer: ['head-only'],
    explanation: String.raw`Setting ${'`'}requires_grad = False${'`'} tells autograd not to compute gradients for a tensor, so the pretrained weights keep ${'`'}.grad = None${'`'} and the optimiser leaves them alone. Replacing ${'`'}model.fc${'`'} afterwards installs a fresh ${'`'}nn.Linear${'`'} whose parameters require gradients, as every new module's do: $512 \times 5 + 5 = 2565$ trainable parameters out of about 11.2 million. Had the head been replaced *before* the loop, nothing would train at all, and the loss would not change.

One thing the loop does not freeze: the backbone's batch-norm layers keep updating their ${'`'}running_mean${'`'} and ${'`'}running_var${'`'} while the model is in ${'`'}train()${'`'} mode, because those are buffers, not parameters. To freeze the backbone completely, also put its batch-norm layers in ${'`'}eval()${'`'} mode.`,
    difficulty: 3,
    tags: ['code-reading', 'transfer-learning', 'freezing', 'requires-grad'],
    source: AUTHORS,
  },
  {
    id: 'tl-eval-forgotten-code',
    topic: 'transfer-learning',
    type: 'mcq',
    stem:
      String.raw`A fine-tuned ResNet with batch norm and a dropout layer before its classifier is evaluated in a fresh script. Test accuracy comes out several points below the validation accuracy seen during training, and running the same images twice gives slightly different predictions. What is wrong?

` +
      '```python\nmodel = build_finetuned_resnet()  # constructs the nn.Module\nmodel.load_state_dict(torch.load("finetuned.pt"))\nwith torch.no_grad():\n    preds = model(test_images).argmax(dim=1)\n```',
    options: [
      {
        id: 'no-grad-is-eval',
        text: 'Nothing about the mode: `torch.no_grad()` already switches the model to evaluation behaviour.',
        feedback:
          '`no_grad` only stops autograd from recording operations. Dropout and batch norm look at the module flag `model.training`, which it does not touch.',
      },
      {
        id: 'strict-load',
        text: '`load_state_dict` copies no weights unless `strict=False` is passed.',
        feedback:
          'With the default `strict=True` the weights are copied, and any missing or unexpected key raises an error instead of passing silently.',
      },
      {
        id: 'argmax-dim',
        text: '`argmax(dim=1)` takes the maximum over the batch instead of over the classes.',
        feedback:
          'The output has shape (batch, classes), so `dim=1` is the class dimension; that line is right.',
      },
      {
        id: 'train-mode',
        text: 'The model is still in training mode (a new module starts with `training=True`), so dropout drops units at random and batch norm normalises with the test batch’s own statistics. `model.eval()` must be called before predicting.',
        feedback:
          'Correct: both layers behave as in training, which makes predictions random and dependent on what else is in the batch.',
      },
    ],
    answer: ['train-mode'],
    explanation: String.raw`Every ${'`'}nn.Module${'`'} is created in training mode, and ${'`'}load_state_dict${'`'} changes the weights, not the mode. In training mode dropout zeroes a random subset of units (hence the run-to-run differences), and batch norm normalises each batch with its own mean and variance instead of the running estimates learned during training (hence accuracy that depends on the batch). It also overwrites those running estimates with test-batch statistics as it goes, since buffer updates are not gradient operations and ${'`'}no_grad${'`'} does not stop them. ${'`'}model.eval()${'`'} sets ${'`'}training = False${'`'} in every submodule: dropout becomes the identity and batch norm uses its running estimates. Use both: ${'`'}model.eval()${'`'} for the layers' behaviour and ${'`'}torch.no_grad()${'`'} (or ${'`'}torch.inference_mode()${'`'}) to skip gradient bookkeeping, and call ${'`'}model.train()${'`'} again before further fine-tuning.`,
    difficulty: 2,
    tags: ['code-reading', 'transfer-learning', 'fine-tuning', 'batch-norm', 'dropout'],
    source: AUTHORS,
  },
  {
    id: 'tl-unfreeze-last-conv',
    topic: 'transfer-learning',
    type: 'numeric',
    stem: String.raw`You fine-tune a pretrained VGG16 for 10 classes. Its convolutional base stays frozen except its last convolution ($3 \times 3$, 512 input and 512 output channels, with biases). On top of the base you put global average pooling and a new dense layer $512 \to 10$ with biases. How many parameters are trainable?`,
    answer: { value: 2364938, tolerance: { abs: 0 } },
    answerFormat: 'an integer',
    hints: [
      String.raw`A convolution has $k \cdot k \cdot C_{\text{in}} \cdot C_{\text{out}}$ weights plus $C_{\text{out}}$ biases.`,
      'Global average pooling has no parameters; count the unfrozen convolution and the new head.',
    ],
    explanation: String.raw`- Last convolution: $3 \cdot 3 \cdot 512 \cdot 512 + 512 = 2359296 + 512 = 2359808$.
- Global average pooling: no parameters.
- New head: $512 \times 10 + 10 = 5130$.

Total: $2359808 + 5130 = 2364938$. The single unfrozen convolution holds about 460 times as many parameters as the head. That is why it is unfrozen only once the head has converged, and trained with a small learning rate: with a few thousand images it could otherwise drift far from its pretrained filters.`,
    difficulty: 3,
    tags: ['transfer-learning', 'fine-tuning', 'parameters', 'vgg'],
    source: AUTHORS,
  },
  {
    id: 'tl-input-size',
    topic: 'transfer-learning',
    type: 'mcq',
    stem: 'A VGG16 pretrained on $224 \\times 224$ images is to be used on $160 \\times 160$ images. Take the original VGG16 layout, in which the output of the last pooling stage is flattened straight into the first dense layer (no adaptive pooling in between); its five $2 \\times 2$ max-pooling stages divide the spatial size by 32. Which statement is right?',
    options: [
      {
        id: 'resize-filters',
        text: 'The convolution filters must be resized to the new resolution before they can be used.',
        feedback:
          'A convolution’s weights do not depend on the image size: the same 3 × 3 filters slide over any input.',
      },
      {
        id: 'same-shape',
        text: 'Nothing changes: the network produces the same shapes for every input size.',
        feedback:
          'The final feature map shrinks to 160/32 = 5 per side, so flattening gives 12800 features, and the dense layer built for 25088 inputs rejects them.',
      },
      {
        id: 'conv-base-transfers',
        text: 'The convolutional base still works and yields a $5 \\times 5 \\times 512$ map, but the first dense layer, built for $7 \\times 7 \\times 512 = 25088$ inputs, no longer fits; a new head after global average pooling works for any input size.',
        feedback: 'Correct: only the layers tied to the flattened size depend on the resolution.',
      },
      {
        id: 'unusable',
        text: 'Pretrained weights cannot be used at any input size other than 224 × 224.',
        feedback:
          'The convolutional base transfers to other sizes (its features may be a little less tuned to the new object scale); only the flatten-fed dense layer is tied to 224.',
      },
    ],
    answer: ['conv-base-transfers'],
    explanation: String.raw`Convolution and pooling layers work on inputs of any size; only their output size changes. Five halvings take $160$ to $160/32 = 5$, so the base outputs $5 \times 5 \times 512$, which flattens to $12800$ values instead of the $7 \cdot 7 \cdot 512 = 25088$ the original first dense layer expects. For transfer learning that layer is usually replaced anyway: global average pooling reduces any $H \times W \times 512$ map to 512 values, and a new head on those works at every resolution. (torchvision's VGG16 inserts an adaptive average pooling to $7 \times 7$ before the classifier precisely so that other input sizes run; the first dense layer then receives $5 \times 5$ maps stretched to $7 \times 7$, a layout it was not trained on.)`,
    difficulty: 3,
    tags: ['transfer-learning', 'vgg', 'input-size', 'global-average-pooling'],
    source: AUTHORS,
  },
  {
    id: 'tl-freezing-facts',
    topic: 'transfer-learning',
    type: 'msq',
    stem: 'In PyTorch you freeze a pretrained backbone by setting `requires_grad = False` on all of its parameters, put the whole model in `train()` mode and train a new head on top. Which statements are true? Select all that apply.',
    options: [
      {
        id: 'no-updates',
        text: 'The backbone’s weights receive no gradients, so the optimiser never changes them.',
        feedback: 'True: their `.grad` stays `None`, and the optimiser skips them.',
      },
      {
        id: 'forward-skipped',
        text: 'The backbone’s forward pass is skipped, so each step costs only the head’s computation.',
        feedback:
          'False: the head needs the backbone’s features, so the forward pass runs in full at every step (unless you compute the features once and cache them, which rules out fresh random augmentation each epoch).',
      },
      {
        id: 'bn-stats-move',
        text: 'The backbone’s batch-norm running means and variances still change during training, unless those layers are switched to `eval()` mode.',
        feedback:
          'True: they are buffers updated in the forward pass whenever the layer is in training mode, whatever `requires_grad` says.',
      },
      {
        id: 'dropout-off',
        text: 'Any dropout layers inside the backbone are switched off automatically.',
        feedback:
          'False: dropout follows the module’s training flag, not `requires_grad`; in `train()` mode it stays active in frozen layers too.',
      },
      {
        id: 'cheaper-backward',
        text: 'The backward pass is cheaper: no weight gradients are computed for the backbone, and since nothing below the head requires gradients, autograd does not go back through the backbone at all.',
        feedback:
          'True: the backbone’s outputs do not require gradients, so backpropagation stops at the head.',
      },
    ],
    answer: ['no-updates', 'bn-stats-move', 'cheaper-backward'],
    explanation: String.raw`${'`'}requires_grad${'`'} controls autograd only. With it off for every backbone parameter (and inputs that do not require gradients), the backbone's output is a constant as far as autograd is concerned: backpropagation computes gradients for the head and stops there, which saves memory and time, and the optimiser never moves the frozen weights. The forward pass still runs completely. What ${'`'}requires_grad${'`'} does not control is the module's mode: in ${'`'}train()${'`'} mode batch norm normalises with batch statistics and updates its running estimates, and dropout stays active. For a truly fixed feature extractor, freeze the parameters *and* put the backbone in ${'`'}eval()${'`'} mode (after every call to ${'`'}model.train()${'`'}, which switches all submodules back).`,
    difficulty: 3,
    tags: ['transfer-learning', 'freezing', 'requires-grad', 'batch-norm'],
    source: AUTHORS,
  },
  {
    id: 'tl-small-different-domain',
    topic: 'transfer-learning',
    type: 'mcq',
    stem: 'You have 1,500 labelled microscope images of cell types, which look nothing like ImageNet photos, and an ImageNet-pretrained ResNet-50. What is the usual starting plan?',
    options: [
      {
        id: 'scratch',
        text: 'Train ResNet-50 from scratch, because ImageNet features are useless for microscopy.',
        feedback:
          'About 25 million parameters learned from 1,500 images overfit badly. Even for a distant domain, pretrained early layers (edges, blobs, textures) are usually a better start than random ones.',
      },
      {
        id: 'earlier-features',
        text: 'Use features from an earlier or middle stage of the frozen network, which are more generic, with a small classifier on top, or fine-tune the later stages with a small learning rate and strong augmentation; choose between them on a validation set.',
        feedback:
          'Correct: with little data keep most weights fixed, and with a distant domain rely on the layers whose features are least specific to ImageNet.',
      },
      {
        id: 'last-features',
        text: 'Use only the final pooled features of the frozen network with a linear classifier, just as for photos of everyday objects.',
        feedback:
          'The last stages are the most specific to ImageNet’s objects, so for a distant domain they transfer worst; this is the recipe for small data from a *similar* domain.',
      },
      {
        id: 'all-high-lr',
        text: 'Fine-tune all layers with a high learning rate so the features move quickly to the new domain.',
        feedback:
          'A high learning rate on all 25 million weights with 1,500 images wipes out the pretrained features and overfits.',
      },
    ],
    answer: ['earlier-features'],
    explanation: String.raw`Two questions decide a transfer-learning plan: how much labelled data there is, and how close it is to the pretraining data.

| | similar domain | different domain |
|---|---|---|
| little data | freeze the base, train a classifier on the last features | classifier on earlier, more generic features; careful fine-tuning of later stages |
| much data | fine-tune the top stages or the whole network | fine-tune the whole network (or even train from scratch) |

Here the data are few and the domain is distant, so most weights should stay fixed, and the features that transfer best are the generic ones of the early and middle stages. Since both options are plausible, the validation score decides; strong augmentation helps either way.`,
    difficulty: 4,
    tags: ['transfer-learning', 'domain-shift', 'feature-extraction', 'fine-tuning'],
    source: AUTHORS,
  },
];
