import type { BankItemInput } from '../../bank/schema';
import { AUTHORS } from '../sources';
import { templateItems } from '../template-items';

/**
 * Optimisers: momentum, Nesterov, AdaGrad, RMSProp, Adam, AdamW (PyTorch's update rules), and
 * learning-rate schedules with the updates a batch size gives per epoch.
 */
export const optimizersItems: BankItemInput[] = [
  ...templateItems('sgd-momentum', 'optimizers', { base: 0, tags: ['sgd', 'momentum'] }),
  ...templateItems('adagrad-rmsprop', 'optimizers', { base: 0, tags: ['adagrad', 'rmsprop'] }),
  ...templateItems('adam-bias-correction', 'optimizers', { base: 1, tags: ['adam'] }),
  ...templateItems('adamw-vs-l2', 'optimizers', {
    base: 1,
    tags: ['adam', 'adamw', 'weight-decay'],
  }),
  ...templateItems('lr-schedule', 'optimizers', {
    base: 0,
    tags: ['learning-rate', 'lr-schedule', 'batch-size'],
  }),
  {
    id: 'optim-step-order-code',
    topic: 'optimizers',
    type: 'mcq',
    stem:
      String.raw`A training loop runs these lines for every mini-batch:

` +
      '```python\nloss = criterion(model(x), y)\noptimizer.zero_grad()\noptimizer.step()\nloss.backward()\n```' +
      `

What goes wrong?`,
    options: [
      {
        id: 'nothing',
        text: 'Nothing: PyTorch applies the gradients correctly whatever the order of the three calls.',
        feedback:
          'The order matters: step() uses whatever is stored in each parameter’s .grad at that moment.',
      },
      {
        id: 'zeroed-before-step',
        text: 'step() reads gradients that were just cleared, and the new ones are cleared before any step uses them.',
        feedback: 'Correct: backward() must run between zero_grad() and step().',
      },
      {
        id: 'double-counted',
        text: 'Each batch’s gradient is applied twice, once by step() and once by backward().',
        feedback:
          'No gradient is applied at all: zero_grad() clears .grad right before step() reads it.',
      },
      {
        id: 'graph-error',
        text: 'loss.backward() raises an error because step() has already freed the graph.',
        feedback:
          'step() does not touch the autograd graph; backward() runs, but its gradients are cleared before any step uses them.',
      },
    ],
    answer: ['zeroed-before-step'],
    explanation: String.raw`PyTorch accumulates gradients into each parameter's ${'`'}.grad${'`'}. The loop must (1) clear the old gradients with ${'`'}optimizer.zero_grad()${'`'}, (2) compute the new ones with ${'`'}loss.backward()${'`'}, and (3) apply them with ${'`'}optimizer.step()${'`'}. Here ${'`'}step()${'`'} runs right after ${'`'}zero_grad()${'`'}, on zero gradients (with plain SGD the weights do not move; with momentum or Adam the old buffers still push them), and the gradients from ${'`'}backward()${'`'} are wiped at the next ${'`'}zero_grad()${'`'} before any step sees them. No error is raised, which makes the bug easy to miss.`,
    difficulty: 2,
    tags: ['code-reading', 'training-loop'],
    source: AUTHORS,
  },
  {
    id: 'optim-adam-weight-decay-code',
    topic: 'optimizers',
    type: 'mcq',
    stem:
      String.raw`Which statement about these two optimisers is right?

` +
      '```python\nopt_a = torch.optim.Adam(model.parameters(), lr=1e-3, weight_decay=0.01)\nopt_b = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=0.01)\n```',
    options: [
      {
        id: 'same',
        text: 'They perform the same update; AdamW is only a newer name.',
        feedback:
          'With adaptive step sizes the two ways of decaying differ; that difference is why AdamW exists.',
      },
      {
        id: 'b-l2',
        text: '`opt_b` adds `0.01 * w` to the gradient; `opt_a` shrinks the weights directly.',
        feedback: 'The roles are swapped: that is Adam’s L2 form and AdamW’s decoupled form.',
      },
      {
        id: 'a-l2-b-decoupled',
        text: '`opt_a` adds `0.01 * w` to the gradient before the moments; `opt_b` shrinks each weight by `lr * 0.01 * w` outside the moments.',
        feedback: 'Correct.',
      },
      {
        id: 'a-ignores',
        text: '`opt_a` ignores `weight_decay`, because Adam has no weight decay.',
        feedback:
          'torch.optim.Adam accepts weight_decay and applies it as an L2 term added to the gradient.',
      },
    ],
    answer: ['a-l2-b-decoupled'],
    explanation: String.raw`${'`'}Adam(weight_decay=λ)${'`'} adds $\lambda w$ to the gradient, so the decay passes through $m$ and $v$ and is divided by $\sqrt{\hat v}$: weights with large gradients are hardly decayed. ${'`'}AdamW(weight_decay=λ)${'`'} first multiplies each weight by $1 - \eta\lambda$ and then takes the Adam step on the data gradient alone, so every weight decays at the same relative rate. With plain SGD the two forms coincide; with Adam they do not, and the decoupled form usually generalises better.`,
    difficulty: 3,
    tags: ['code-reading', 'adam', 'adamw', 'weight-decay'],
    source: AUTHORS,
  },
];
