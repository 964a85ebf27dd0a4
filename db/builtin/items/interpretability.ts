import type { BankItemInput } from '../../bank/schema';
import { AUTHORS } from '../sources';
import { templateItems } from '../template-items';

type Option = { id: string; text: string; feedback: string; pin?: boolean };

/** `String.raw` (trimmed) that also turns the escaped backticks of code spans and fences into plain ones. */
function tex(strings: TemplateStringsArray, ...values: unknown[]): string {
  return String.raw(strings, ...values)
    .replaceAll('\\`', '`')
    .trim();
}

/** A single- or multiple-answer item of this topic (source: the DeepDrill authors). */
function item(
  fields: Omit<Extract<BankItemInput, { type: 'mcq' | 'msq' }>, 'topic' | 'source' | 'options'> & {
    options: Option[];
  },
): BankItemInput {
  return { ...fields, topic: 'interpretability', source: AUTHORS };
}

/** Interpretability: saliency, occlusion, Grad-CAM and their relatives. */
export const interpretabilityItems: BankItemInput[] = [
  item({
    id: 'int-saliency-definition',
    type: 'mcq',
    stem: 'What does a vanilla gradient saliency map (Simonyan et al.) show for an image classified as "dog"?',
    options: [
      {
        id: 'activations',
        text: 'The activations of the last convolutional layer, upsampled to the image.',
        feedback:
          'That is closer to a class activation map; saliency uses gradients with respect to the input.',
      },
      {
        id: 'gradient',
        text: 'For every pixel, the magnitude of the gradient of the dog score with respect to that pixel: how much a small change there would change the score.',
        feedback: 'Correct.',
      },
      {
        id: 'weights',
        text: 'The weights of the first convolutional layer.',
        feedback: 'First-layer filters are the same for every image and every class.',
      },
      {
        id: 'occlusion',
        text: 'How much the score drops when each region is covered.',
        feedback: 'That is occlusion sensitivity, which needs one forward pass per patch.',
      },
    ],
    answer: ['gradient'],
    explanation: tex`A saliency map is $|\partial y^c / \partial x|$, taken per pixel (the maximum over the colour channels). It costs one backward pass. It is a local, first-order explanation: it says where the score is sensitive, not what the network "looks at", and it tends to be noisy.`,
    difficulty: 1,
    tags: ['saliency'],
  }),
  item({
    id: 'int-saliency-code',
    type: 'mcq',
    stem: tex`What is the shape of \`saliency\`?

\`\`\`python
x = image.unsqueeze(0).requires_grad_()   # image: 3 x 224 x 224
score = model(x)[0, target_class]         # a logit, before the softmax
score.backward()
saliency = x.grad.abs().amax(dim=1)
\`\`\``,
    options: [
      {
        id: 'chw',
        text: '`(1, 3, 224, 224)`',
        feedback: '`amax(dim=1)` reduces the colour channels.',
      },
      {
        id: 'classes',
        text: '`(1, 1000)`',
        feedback: 'The gradient has the shape of the input, not of the output.',
      },
      {
        id: 'nhw',
        text: '`(1, 224, 224)`',
        feedback: 'Correct: one value per pixel, the largest absolute gradient over R, G and B.',
      },
      {
        id: 'scalar',
        text: '`()`, a single number',
        feedback: 'The score is a scalar, but its gradient with respect to x has x’s shape.',
      },
    ],
    answer: ['nhw'],
    explanation: tex`\`x.grad\` has the shape of \`x\`, $1 \times 3 \times 224 \times 224$. Taking the absolute value and the maximum over dimension 1 (the channels) leaves one saliency value per pixel, $1 \times 224 \times 224$. Using the logit rather than the softmax probability avoids explanations that come from pushing the other classes down.`,
    difficulty: 2,
    tags: ['code-reading', 'saliency'],
  }),
  item({
    id: 'int-logit-not-softmax',
    type: 'mcq',
    stem: 'Why do saliency and Grad-CAM differentiate the class logit (pre-softmax score) rather than its softmax probability?',
    options: [
      {
        id: 'others',
        text: 'The probability can rise by lowering the other classes’ scores, so its gradient mixes in evidence against other classes.',
        feedback: 'Correct.',
      },
      {
        id: 'zero',
        text: 'The gradient of a softmax output is always zero.',
        feedback: 'It is not zero, but it is small when the softmax saturates.',
      },
      {
        id: 'faster',
        text: 'The logit’s gradient is cheaper to compute.',
        feedback: 'The cost is the same backward pass.',
      },
      {
        id: 'sign',
        text: 'Probabilities cannot be differentiated.',
        feedback: 'The softmax is differentiable.',
      },
    ],
    answer: ['others'],
    explanation: tex`$p_c = e^{y_c} / \sum_j e^{y_j}$ depends on every logit, so $\partial p_c / \partial x$ also contains $-\partial y_j / \partial x$ of the competing classes. The logit $y_c$ isolates the evidence for class $c$, and it does not saturate when the network is confident.`,
    difficulty: 3,
    tags: ['saliency', 'grad-cam'],
  }),
  item({
    id: 'int-occlusion-passes',
    type: 'mcq',
    stem: 'Occlusion sensitivity slides a 32×32 grey patch with stride 16 over a 224×224 image and records the class score for each position. How many forward passes does one map take (plus the unoccluded one)?',
    options: [
      {
        id: 'right',
        text: '169',
        feedback: 'Correct: (224 − 32)/16 + 1 = 13 positions per side, 13² = 169.',
      },
      {
        id: 'no-plus-one',
        text: '144',
        feedback:
          'The count of positions along one side is (224 − 32)/16 + 1: do not forget the + 1.',
      },
      {
        id: 'tiling',
        text: '49',
        feedback: 'That tiles the image with non-overlapping 32×32 patches; the stride is 16.',
      },
      {
        id: 'pixels',
        text: '50176',
        feedback: 'That is one pass per pixel; the patch moves in steps of 16.',
      },
    ],
    answer: ['right'],
    explanation: tex`The patch positions follow the convolution output-size rule: $\lfloor (224 - 32)/16 \rfloor + 1 = 13$ per side, so $13^2 = 169$ occluded images, each needing its own forward pass. That cost is the price of a method that needs no gradients and works for any model.`,
    hints: [
      'Count the patch positions like the output size of a convolution.',
      tex`$(224 - 32)/16 + 1$ per side.`,
    ],
    difficulty: 2,
    tags: ['occlusion'],
  }),
  item({
    id: 'int-occlusion-linear',
    type: 'mcq',
    stem: tex`A linear model scores an image as $y = \sum_i w_i x_i$. Covering a patch with zeros drops the score by how much?`,
    options: [
      {
        id: 'weights',
        text: tex`$\sum_{i \in \text{patch}} w_i$, the gradient summed over the patch`,
        feedback: 'That ignores the input: a strong weight on a black pixel contributes nothing.',
      },
      {
        id: 'inputs',
        text: tex`$\sum_{i \in \text{patch}} x_i$`,
        feedback: 'That ignores the weights.',
      },
      {
        id: 'product',
        text: tex`$\sum_{i \in \text{patch}} w_i x_i$, the patch’s contribution to the score`,
        feedback:
          'Correct: for a linear model occlusion with zeros equals gradient × input over the patch.',
      },
      {
        id: 'score',
        text: tex`$\sum_{i \notin \text{patch}} w_i x_i$`,
        feedback: 'That is the occluded score, not the drop.',
      },
    ],
    answer: ['product'],
    explanation: tex`The drop is $y - y_{\text{occluded}} = \sum_{i \in P} w_i x_i$. The gradient of a linear model is $w$, the same for every image, so a pure gradient saliency map would ignore the image; gradient × input $w_i x_i$ restores it and, for linear models, adds up exactly to the score. For deep networks occlusion and gradients disagree, because the network is only locally linear.`,
    difficulty: 3,
    tags: ['occlusion', 'saliency'],
  }),
  item({
    id: 'int-gradcam-last-layer',
    type: 'mcq',
    stem: 'Why is Grad-CAM usually computed at the last convolutional layer?',
    options: [
      {
        id: 'resolution',
        text: 'It has the highest spatial resolution.',
        feedback: 'It has the lowest; that is the price paid.',
      },
      {
        id: 'semantics',
        text: 'Its feature maps still keep spatial layout but already encode high-level, class-relevant parts.',
        feedback: 'Correct.',
      },
      {
        id: 'only',
        text: 'Gradients cannot be computed for earlier layers.',
        feedback: 'They can; earlier layers give finer but less class-specific maps.',
      },
      {
        id: 'linear',
        text: 'The last layer is linear, so the map is exact.',
        feedback: 'Convolutional layers with ReLUs are not linear.',
      },
    ],
    answer: ['semantics'],
    explanation: tex`Fully connected layers discard the spatial arrangement, early layers respond to edges and textures shared by all classes. The last convolutional maps (7×7 in a ResNet at 224×224) are the best compromise: coarse but class-discriminative. The map is then upsampled to the image size.`,
    difficulty: 2,
    tags: ['grad-cam'],
  }),
  item({
    id: 'int-gradcam-relu',
    type: 'mcq',
    stem: tex`Why does Grad-CAM apply a ReLU to $\sum_k \alpha_k A_k$?`,
    options: [
      {
        id: 'positive',
        text: 'To keep only the regions whose features increase the class score; negative values belong to evidence for other classes.',
        feedback: 'Correct.',
      },
      {
        id: 'normalise',
        text: 'To normalise the map to the range [0, 1].',
        feedback: 'A ReLU does not rescale; the map is normalised separately for display.',
      },
      {
        id: 'gradients',
        text: 'Because the gradients must be positive for the backward pass.',
        feedback: 'Gradients can have any sign; the ReLU is applied to the map afterwards.',
      },
      {
        id: 'sparse',
        text: 'To make the network sparser.',
        feedback: 'The ReLU acts on the explanation, not on the network.',
      },
    ],
    answer: ['positive'],
    explanation: tex`Without the ReLU the map also highlights pixels that would lower the score if their features grew, which the authors found localised worse. The ReLU keeps the positive influence only.`,
    difficulty: 2,
    tags: ['grad-cam'],
  }),
  item({
    id: 'int-gradcam-code',
    type: 'mcq',
    stem: tex`\`acts\` and \`grads\` hold the activations of a ResNet's last convolutional block and the gradients of the class logit with respect to them, both of shape \`(1, 512, 7, 7)\`. Which line computes Grad-CAM?

\`\`\`python
import torch.nn.functional as F
# (a)
cam = F.relu((grads.mean(dim=(2, 3), keepdim=True) * acts).sum(dim=1))
# (b)
cam = F.relu((grads.mean(dim=1, keepdim=True) * acts).sum(dim=1))
# (c)
cam = F.relu((grads * acts).sum(dim=1))
# (d)
cam = F.relu(acts.sum(dim=1))
\`\`\``,
    options: [
      {
        id: 'b',
        text: '(b)',
        feedback:
          'That averages the gradients over the 512 channels at each position instead of over the positions of each channel.',
      },
      {
        id: 'a',
        text: '(a)',
        feedback:
          'Correct: one weight per channel from the spatial mean of its gradients, shape (1, 7, 7).',
      },
      {
        id: 'c',
        text: '(c)',
        feedback:
          'That multiplies gradient and activation position by position (gradient × activation), skipping the pooling into channel weights.',
      },
      {
        id: 'd',
        text: '(d)',
        feedback: 'Without the gradients the map is the same for every class.',
      },
    ],
    answer: ['a'],
    explanation: tex`Grad-CAM's weight of channel $k$ is the global average of its gradient map, \`grads.mean(dim=(2, 3), keepdim=True)\` of shape \`(1, 512, 1, 1)\`. Broadcasting it over \`acts\`, summing over the channels and applying a ReLU gives the \`(1, 7, 7)\` map. Averaging over \`dim=1\` is a common bug: it runs, but averages the wrong axis.`,
    difficulty: 3,
    tags: ['code-reading', 'grad-cam'],
  }),
  item({
    id: 'int-cam-vs-gradcam',
    type: 'mcq',
    stem: 'How does Grad-CAM relate to the original class activation mapping (CAM)?',
    options: [
      {
        id: 'unrelated',
        text: 'They are unrelated methods that happen to share a name.',
        feedback: 'Grad-CAM was designed as a generalisation of CAM.',
      },
      {
        id: 'retrain',
        text: 'Grad-CAM needs the network retrained with global average pooling; CAM works on any CNN.',
        feedback: 'It is the other way round.',
      },
      {
        id: 'general',
        text: 'CAM needs a network ending in global average pooling and one linear layer, and weights the maps by that layer’s class weights; Grad-CAM gets the weights from gradients, so it works for any CNN, and for such a network its weights equal CAM’s up to a constant.',
        feedback: 'Correct.',
      },
      {
        id: 'pixels',
        text: 'CAM works on pixels, Grad-CAM on feature maps.',
        feedback: 'Both weight the last convolutional feature maps.',
      },
    ],
    answer: ['general'],
    explanation: tex`With $y^c = \sum_k w_k^c \frac{1}{Z} \sum_{ij} A_k^{ij}$ (GAP then linear), $\partial y^c / \partial A_k^{ij} = w_k^c / Z$, so the spatial mean of the gradient is $w_k^c / Z$: CAM's weight up to the constant $1/Z$. Grad-CAM computes the same quantity by backpropagation for architectures that have other heads.`,
    difficulty: 3,
    tags: ['grad-cam', 'cam'],
  }),
  item({
    id: 'int-guided-gradcam',
    type: 'mcq',
    stem: 'A Grad-CAM map of a ResNet at 224×224 input is 7×7 before upsampling. How does Guided Grad-CAM get finer detail?',
    options: [
      {
        id: 'multiply',
        text: 'It multiplies the upsampled Grad-CAM map element-wise with a guided-backpropagation saliency map, which has pixel resolution.',
        feedback: 'Correct.',
      },
      {
        id: 'first-layer',
        text: 'It computes Grad-CAM at the first convolutional layer.',
        feedback: 'Early layers are fine but not class-discriminative.',
      },
      {
        id: 'bigger',
        text: 'It runs the network on a 7× larger image.',
        feedback: 'That changes the input, not the method.',
      },
      {
        id: 'no-relu',
        text: 'It drops the ReLU, which keeps more detail.',
        feedback: 'The ReLU removes negative evidence; it does not limit resolution.',
      },
    ],
    answer: ['multiply'],
    explanation: tex`Grad-CAM is class-discriminative but coarse; guided backpropagation is fine-grained but hardly class-specific. Their product keeps the fine edges only inside the class region. Sanity checks later showed guided backpropagation behaves much like an edge detector, so the fine detail says more about the image than about the model.`,
    difficulty: 3,
    tags: ['grad-cam', 'saliency'],
  }),
  item({
    id: 'int-sanity-checks',
    type: 'mcq',
    stem: 'Adebayo et al. randomised the weights of a trained network layer by layer and recomputed its explanations. What did that test reveal?',
    options: [
      {
        id: 'all-fine',
        text: 'Every saliency method changed completely, so all of them explain the model.',
        feedback: 'Some methods barely changed.',
      },
      {
        id: 'edge',
        text: 'Some methods (guided backpropagation, for instance) gave almost the same maps for the random network, so they reflect the image more than what the model learned.',
        feedback: 'Correct.',
      },
      {
        id: 'gradcam-fails',
        text: 'Grad-CAM maps stayed unchanged.',
        feedback: 'Plain gradients and Grad-CAM were among the methods that did change.',
      },
      {
        id: 'speed',
        text: 'Randomised networks are faster to explain.',
        feedback: 'The test is about faithfulness, not speed.',
      },
    ],
    answer: ['edge'],
    explanation: tex`An explanation that looks the same whether the weights are trained or random cannot be telling us what the training learned. The model-randomisation test is a cheap check any attribution method should pass; looking convincing is not evidence.`,
    difficulty: 4,
    tags: ['saliency', 'sanity-checks'],
  }),
  item({
    id: 'int-integrated-gradients',
    type: 'mcq',
    stem: 'What does integrated gradients add to plain gradient × input?',
    options: [
      {
        id: 'path',
        text: 'It averages the gradient along the straight path from a baseline (e.g. a black image) to the input, so the attributions add up to the score difference between input and baseline.',
        feedback: 'Correct.',
      },
      {
        id: 'second',
        text: 'It uses second derivatives.',
        feedback: 'It integrates first derivatives along a path.',
      },
      {
        id: 'occlude',
        text: 'It occludes patches and integrates the drops.',
        feedback: 'That would be an occlusion method.',
      },
      {
        id: 'train',
        text: 'It trains a small model to imitate the network.',
        feedback: 'That describes surrogate methods such as LIME.',
      },
    ],
    answer: ['path'],
    explanation: tex`$\text{IG}_i = (x_i - x'_i) \int_0^1 \frac{\partial y}{\partial x_i}\big(x' + t(x - x')\big)\,dt$. Where a unit saturates near the input, the local gradient is near zero although the feature matters; integrating over the path collects the gradient from where it was large. Summed over the features, IG gives $y(x) - y(x')$ (completeness). In practice the integral is a Riemann sum of 20–300 gradients.`,
    difficulty: 4,
    tags: ['integrated-gradients', 'saliency'],
  }),
  item({
    id: 'int-gradient-saturation',
    type: 'mcq',
    stem: tex`A unit computes $y = \min(1, x_1 + x_2)$. At $x = (1, 1)$ the output is 1. What do plain gradients say about the two inputs?`,
    options: [
      {
        id: 'zero',
        text: 'Both gradients are 0, although the output is 1 only because of the inputs: gradients miss saturated features.',
        feedback: 'Correct.',
      },
      {
        id: 'half',
        text: 'Each gets 0.5.',
        feedback: 'That is what integrated gradients with a zero baseline gives.',
      },
      {
        id: 'one',
        text: 'Each gets 1.',
        feedback: 'In the flat region of the min, the derivative is 0.',
      },
      {
        id: 'first',
        text: 'The first gets 1, the second 0.',
        feedback: 'The unit is symmetric in the two inputs.',
      },
    ],
    answer: ['zero'],
    explanation: tex`At $x_1 + x_2 = 2 > 1$ the min is flat, so $\partial y / \partial x_i = 0$. Yet with both inputs at 0 the output would be 0. Integrated gradients from the baseline $(0, 0)$ follows the path $t(1, 1)$: the gradient is 1 while $2t < 1$, so each input gets $\int_0^{1/2} 1\,dt = 0.5$, and the two add up to the output difference 1.`,
    difficulty: 4,
    tags: ['integrated-gradients', 'saliency'],
  }),
  item({
    id: 'int-method-costs',
    type: 'msq',
    stem: 'Which statements about the cost and requirements of these methods are true? Select all that apply.',
    options: [
      {
        id: 'saliency-one',
        text: 'A gradient saliency map needs one forward and one backward pass.',
        feedback: 'True.',
      },
      {
        id: 'occlusion-agnostic',
        text: 'Occlusion sensitivity needs no gradients, so it works on a model you can only query.',
        feedback: 'True: it only compares forward passes.',
      },
      {
        id: 'gradcam-conv',
        text: 'Grad-CAM needs access to an intermediate convolutional layer and the gradients flowing into it.',
        feedback: 'True: usually through forward and backward hooks.',
      },
      {
        id: 'occlusion-cheap',
        text: 'Occlusion is the cheapest of the three.',
        feedback: 'It needs one forward pass per patch position, often hundreds.',
      },
    ],
    answer: ['saliency-one', 'occlusion-agnostic', 'gradcam-conv'],
    explanation: tex`Gradient methods are cheap but need the model's internals; perturbation methods such as occlusion treat the model as a black box at the price of many forward passes, and their result depends on the patch size and the fill value.`,
    difficulty: 2,
    tags: ['saliency', 'occlusion', 'grad-cam'],
  }),
  item({
    id: 'int-occlusion-fill',
    type: 'mcq',
    stem: 'Why does the choice of the occluding patch (grey, black, blurred) matter in occlusion sensitivity?',
    options: [
      {
        id: 'irrelevant',
        text: 'It does not: any patch removes the information.',
        feedback: 'A patch also adds information: its own colour and edges.',
      },
      {
        id: 'ood',
        text: 'The patch creates an unnatural image; the score may drop because the patch itself looks like evidence against the class, not only because information was removed.',
        feedback: 'Correct.',
      },
      {
        id: 'speed',
        text: 'Grey patches are faster to evaluate.',
        feedback: 'Every fill costs one forward pass.',
      },
      {
        id: 'gradients',
        text: 'Black patches make the gradients vanish.',
        feedback: 'Occlusion uses no gradients.',
      },
    ],
    answer: ['ood'],
    explanation: tex`A perturbation explanation asks "what if this region were absent?", but a network cannot see absence, only a substitute. Sharp grey squares are out of distribution; blurring or inpainting are gentler substitutes. Reporting the fill and the patch size is part of reporting the method.`,
    difficulty: 3,
    tags: ['occlusion'],
  }),
  item({
    id: 'int-hook-code',
    type: 'mcq',
    stem: tex`A student collects the activations for Grad-CAM with a hook:

\`\`\`python
store = {}
def save(module, inputs, output):
    store['acts'] = output
model.layer4.register_forward_hook(save)

with torch.no_grad():
    logits = model(x)
logits[0, c].backward()
\`\`\`

What goes wrong?`,
    options: [
      {
        id: 'layer',
        text: '`layer4` is the wrong layer for a ResNet.',
        feedback: 'It is the last convolutional stage, the usual choice.',
      },
      {
        id: 'no-grad',
        text: 'Under `torch.no_grad()` no graph is recorded, so `backward()` raises an error: the forward pass must be run with gradients enabled.',
        feedback: 'Correct.',
      },
      {
        id: 'hook',
        text: 'Forward hooks cannot see outputs.',
        feedback: 'A forward hook receives the module, its inputs and its output.',
      },
      {
        id: 'softmax',
        text: 'The logits must be passed through a softmax before `backward()`.',
        feedback: 'Grad-CAM uses the logit itself.',
      },
    ],
    answer: ['no-grad'],
    explanation: tex`Explanations need gradients, so the forward pass must build the graph (only the model's parameters can be frozen). Without it \`logits\` has no \`grad_fn\` and \`backward()\` fails with "element 0 of tensors does not require grad". To get the gradients with respect to the stored activations, call \`store['acts'].retain_grad()\` in the hook or register a full backward hook.`,
    difficulty: 3,
    tags: ['code-reading', 'grad-cam'],
  }),
  item({
    id: 'int-explanation-purposes',
    type: 'msq',
    stem: 'A Grad-CAM map for "husky" lights up the snow behind the dog. What may you conclude? Select all that apply.',
    options: [
      {
        id: 'shortcut',
        text: 'The model may rely on the background, a shortcut it learned from the training data.',
        feedback: 'True: a classic finding (huskies photographed in snow).',
      },
      {
        id: 'test',
        text: 'Testing on huskies without snow (and other dogs in snow) would check the suspicion.',
        feedback: 'True: an explanation suggests a hypothesis; data tests it.',
      },
      {
        id: 'proof',
        text: 'The map proves that the model ignores the dog.',
        feedback: 'A coarse map is evidence, not proof; the dog can still matter.',
      },
      {
        id: 'accuracy',
        text: 'The model’s test accuracy must be low.',
        feedback: 'Shortcuts often give high accuracy on data with the same bias.',
      },
    ],
    answer: ['shortcut', 'test'],
    explanation: tex`Explanations are most useful for finding hypotheses such as spurious correlations. They are approximations of what the model computes, so conclusions should be checked by controlled data (counterfactual images, a test set without the bias).`,
    difficulty: 2,
    tags: ['grad-cam', 'shortcut-learning'],
  }),
  item({
    id: 'int-activation-maximisation',
    type: 'mcq',
    stem: 'What does feature visualisation by activation maximisation produce?',
    options: [
      {
        id: 'dataset',
        text: 'The training images on which a unit fires most.',
        feedback: 'That is dataset-example retrieval, a related but different technique.',
      },
      {
        id: 'synthetic',
        text: 'A synthetic input, found by gradient ascent on the input with regularisation, that makes a chosen unit or class score as large as possible.',
        feedback: 'Correct.',
      },
      {
        id: 'saliency',
        text: 'A saliency map of one given image.',
        feedback: 'Activation maximisation starts from noise and explains a unit, not an image.',
      },
      {
        id: 'weights',
        text: 'A picture of the unit’s weights.',
        feedback: 'Only first-layer weights can be shown directly as images.',
      },
    ],
    answer: ['synthetic'],
    explanation: tex`The network's weights stay fixed while the input is optimised to maximise an activation. Without priors (blurring, jitter, penalties) the result is high-frequency noise that still excites the unit, an adversarial pattern; with them one sees the textures and parts the unit detects.`,
    difficulty: 3,
    tags: ['feature-visualisation'],
  }),
  item({
    id: 'int-gradient-times-input',
    type: 'mcq',
    stem: tex`For the linear score $y = 2x_1 - x_2 + 0.5x_3$ at the input $x = (1, 4, 2)$, what are the gradient × input attributions?`,
    options: [
      {
        id: 'gradient',
        text: tex`$(2, -1, 0.5)$`,
        feedback: 'That is the gradient alone, the same for every input.',
      },
      {
        id: 'abs',
        text: tex`$(2, 4, 1)$`,
        feedback: 'The sign is part of the attribution: the second input lowers the score.',
      },
      {
        id: 'right',
        text: tex`$(2, -4, 1)$`,
        feedback: tex`Correct: $2 \cdot 1$, $-1 \cdot 4$, $0.5 \cdot 2$; they sum to $y = -1$.`,
      },
      {
        id: 'input',
        text: tex`$(1, 4, 2)$`,
        feedback: 'That is the input itself.',
      },
    ],
    answer: ['right'],
    explanation: tex`Gradient × input multiplies each feature by the score's sensitivity to it: $(2 \cdot 1, -1 \cdot 4, 0.5 \cdot 2) = (2, -4, 1)$. For a linear model without bias the attributions add up to the score, $2 - 4 + 1 = -1$: the second feature pushes the score down the most, although the first has the largest weight.`,
    hints: ['Multiply each weight by its input.', tex`$\partial y / \partial x = (2, -1, 0.5)$.`],
    difficulty: 2,
    tags: ['saliency'],
  }),
  ...templateItems('grad-cam', 'interpretability', { base: 1, tags: ['grad-cam'] }),
  ...templateItems('occlusion', 'interpretability', { base: 0, tags: ['occlusion'] }),
];
