import type { BankItemInput } from '../../bank/schema';
import { AUTHORS } from '../sources';
import { templateItems } from '../template-items';

const topic = 'training-diagnostics';

/** Reading training curves: over- and underfitting, learning rates, early stopping. */
export const trainingDiagnosticsItems: BankItemInput[] = [
  {
    id: 'curves-val-turns-up',
    topic,
    type: 'mcq',
    stem: 'Over 40 epochs the training loss falls steadily. The validation loss falls until epoch 12, stays flat for two epochs, and then rises for the rest of the run while the training loss keeps falling. What do the curves show?',
    options: [
      {
        id: 'underfit',
        text: 'The model underfits: it needs more capacity.',
        feedback:
          'An underfitting model has a high training loss as well; here the training loss keeps going down.',
      },
      {
        id: 'lr-high',
        text: 'The learning rate is too high from the start.',
        feedback:
          'Too high a learning rate makes the training loss itself jump or diverge; it falls smoothly here.',
      },
      {
        id: 'overfit',
        text: 'From about epoch 12 the model overfits: it keeps fitting the training set while it generalises worse.',
        feedback:
          'Right: the widening gap between a falling training loss and a rising validation loss is the mark of overfitting.',
      },
      {
        id: 'data-leak',
        text: 'The validation set leaks into training.',
        feedback:
          'A leak would make the validation loss follow the training loss down, not turn away from it.',
      },
    ],
    answer: ['overfit'],
    explanation:
      'The training loss measures how well the model fits the examples it learns from; the validation loss estimates how it does on new ones. While both fall, the model learns patterns that carry over. When the validation loss turns up while the training loss keeps falling, the extra fitting is of the training set alone (its noise and quirks): the model overfits. The best checkpoint for new data is around the validation minimum, which is what early stopping keeps. An underfitting model, by contrast, has a high training loss too, and a too-high learning rate shows in the training curve itself.',
    difficulty: 1,
    tags: ['training-curves', 'overfitting'],
    source: AUTHORS,
  },
  {
    id: 'curves-both-high-flat',
    topic,
    type: 'mcq',
    stem: 'A small network is trained for 50 epochs. Its training loss and its validation loss both level off early at about 1.9 (the loss of always predicting the most frequent class is 2.0), and the two curves stay close together. What is the most useful next step?',
    options: [
      {
        id: 'more-dropout',
        text: 'Add dropout and weight decay.',
        feedback:
          'Regularisation fights overfitting; this model does not even fit the training set, and regularising it further makes that worse.',
      },
      {
        id: 'early-stop',
        text: 'Stop training earlier.',
        feedback:
          'Stopping earlier only keeps a model that is even less trained; nothing here is gained by more training being cut short.',
      },
      {
        id: 'more-data',
        text: 'Collect more training data.',
        feedback:
          'More data helps a model that overfits; a model that cannot fit the data it has needs more capacity (or better optimisation) first.',
      },
      {
        id: 'more-capacity',
        text: 'Give the model more capacity (wider or deeper layers), then check the optimisation.',
        feedback:
          'Right: both losses high and close together is underfitting, which a more expressive model addresses.',
      },
    ],
    answer: ['more-capacity'],
    explanation:
      'When the training loss itself stays high, barely below a constant predictor, and the validation loss sits right beside it, the model underfits: it is not expressive enough (or not trained well enough) to capture the pattern. The remedies are on the fitting side: more capacity, more or better features, a better learning rate or longer training. Dropout, weight decay, early stopping and more data all address overfitting, the opposite problem, and would not lower the training loss here.',
    difficulty: 2,
    tags: ['training-curves', 'underfitting', 'capacity'],
    source: AUTHORS,
  },
  {
    id: 'curves-lr-too-high',
    topic,
    type: 'mcq',
    stem: 'With SGD at learning rate 1.0, the training loss jumps up and down between 2 and 40 from the first epoch and becomes NaN at epoch 6. With learning rate 0.01 the same model trains smoothly. What happened at 1.0?',
    options: [
      {
        id: 'overfit',
        text: 'The model overfitted the training data.',
        feedback:
          'Overfitting shows as a training loss that keeps falling while the validation loss rises; here the training loss does not fall at all.',
      },
      {
        id: 'diverged',
        text: 'The steps were too large: each update overshot the minimum, the loss grew, and the weights blew up.',
        feedback:
          'Right: a learning rate too large for the curvature of the loss makes the updates overshoot and diverge.',
      },
      {
        id: 'vanishing',
        text: 'The gradients vanished.',
        feedback:
          'Vanishing gradients make learning stall with a flat loss, not jump and overflow.',
      },
      {
        id: 'too-little-data',
        text: 'The training set is too small.',
        feedback:
          'The same data trains smoothly at a smaller learning rate, so the data is not what fails.',
      },
    ],
    answer: ['diverged'],
    explanation:
      'Gradient descent moves by the learning rate times the gradient. Where the loss curves steeply, a large learning rate makes the step jump past the minimum to a point with a higher loss and a larger gradient, so the next step overshoots further: the loss oscillates with growing amplitude until the numbers overflow (NaN). The cure is a smaller learning rate, a warm-up, or gradient clipping. Overfitting and vanishing gradients have other signatures: a falling training loss with a rising validation loss, and a loss that stalls.',
    difficulty: 2,
    tags: ['training-curves', 'learning-rate'],
    source: AUTHORS,
  },
  {
    id: 'curves-restore-best',
    topic,
    type: 'mcq',
    stem: "Keras's `EarlyStopping(monitor='val_loss', patience=5, restore_best_weights=True)` watches a run whose lowest validation loss is at epoch 9, with no better epoch after it. Training stops at epoch 14. Whose weights does the model have at the end?",
    options: [
      {
        id: 'last',
        text: 'Those of epoch 14, the last one trained.',
        feedback:
          'That is what happens without `restore_best_weights`; with it, the best epoch’s weights are put back.',
      },
      {
        id: 'best',
        text: 'Those of epoch 9, the epoch with the lowest validation loss.',
        feedback: 'Right: restoring the best weights undoes the five epochs of waiting.',
      },
      {
        id: 'patience-back',
        text: 'Those of epoch 13, one before the stop.',
        feedback:
          'Early stopping does not step back by one epoch; it restores the epoch where the monitored value was best.',
      },
      {
        id: 'lowest-train',
        text: 'Those of the epoch with the lowest training loss.',
        feedback:
          'The training loss is usually lowest at the end of the run; early stopping monitors the validation loss.',
      },
    ],
    answer: ['best'],
    explanation:
      'Early stopping counts the epochs since the monitored value last improved; after `patience` epochs without an improvement it stops. The epochs it waited through are usually worse than the best one, so `restore_best_weights=True` puts back the weights of the best epoch (9 here), not those of the last epoch trained (14). Without that option the model keeps the last weights, and you would have to reload a saved checkpoint yourself.',
    difficulty: 2,
    tags: ['training-curves', 'early-stopping'],
    source: AUTHORS,
  },
  {
    id: 'curves-gap-remedies',
    topic,
    type: 'msq',
    stem: 'An image classifier reaches 99 % training accuracy but only 71 % validation accuracy, and the gap keeps growing with more epochs. Which of these are likely to narrow the gap? Select all that apply.',
    options: [
      {
        id: 'augment',
        text: 'Data augmentation (random crops, flips, colour jitter).',
        feedback: 'Yes: more varied training examples make memorising them harder.',
      },
      {
        id: 'weight-decay',
        text: 'Weight decay or dropout.',
        feedback: 'Yes: regularisation limits how closely the model can fit the training set.',
      },
      {
        id: 'train-longer',
        text: 'Training for more epochs.',
        feedback: 'No: the gap grows with more epochs; training longer widens it.',
      },
      {
        id: 'bigger-model',
        text: 'A larger model with more parameters.',
        feedback: 'No: more capacity makes memorising the training set easier, not harder.',
      },
      {
        id: 'early-stopping',
        text: 'Early stopping on the validation loss.',
        feedback: 'Yes: it keeps the weights from before the gap grew wide.',
      },
    ],
    answer: ['augment', 'weight-decay', 'early-stopping'],
    explanation:
      'A large and growing gap between training and validation accuracy means the model overfits. What narrows it makes the training set harder to memorise or the model less able to memorise it: augmentation (more varied data), weight decay and dropout (regularisation), early stopping (less fitting), or more real data. Training longer and adding parameters push the other way: both make fitting the training set itself easier.',
    difficulty: 2,
    tags: ['training-curves', 'overfitting', 'regularisation'],
    source: AUTHORS,
  },
  {
    id: 'curves-val-below-train',
    topic,
    type: 'mcq',
    stem: 'In the first epochs of a network with dropout (p = 0.5), the validation loss is lower than the training loss. The training loss is the average over each epoch’s mini-batches; the validation loss is computed after the epoch in eval mode. What explains this?',
    options: [
      {
        id: 'bug',
        text: 'It is impossible, so the validation data must be wrong.',
        feedback:
          'It is common and expected early on, for the two reasons in the right answer; it is no sign of a bug by itself.',
      },
      {
        id: 'dropout-and-timing',
        text: 'Dropout is active only in training, and the training loss averages an epoch of still-improving weights while validation uses the weights at its end.',
        feedback:
          'Right: both effects make the training figure look worse than the model at the end of the epoch is.',
      },
      {
        id: 'underfit',
        text: 'The model underfits the validation set.',
        feedback:
          'Underfitting would make the validation loss high, not lower than the training loss.',
      },
      {
        id: 'overfit',
        text: 'The model overfits the validation set.',
        feedback: 'The model never trains on the validation set, so it cannot overfit it this way.',
      },
    ],
    answer: ['dropout-and-timing'],
    explanation:
      'Two things make the training loss read high. First, dropout zeroes half the units during training, so the training loss is measured on a handicapped network; in eval mode dropout is off and the full network answers. Second, the training loss of an epoch averages batches seen with the weights of the start, middle and end of that epoch, while the validation loss uses only the weights at its end, which are the best of them. Both effects are largest early in training, when the weights change fastest.',
    difficulty: 3,
    tags: ['training-curves', 'dropout'],
    source: AUTHORS,
  },
  {
    id: 'curves-lr-too-low',
    topic,
    type: 'mcq',
    stem: 'The training loss of a run falls in an almost straight, very shallow line: from 2.30 to 2.21 over 30 epochs, with no noise. Validation follows it closely. A run with ten times the learning rate reaches 0.6 in the same time. What was wrong with the first run?',
    options: [
      {
        id: 'lr-low',
        text: 'The learning rate was too small: each step moved the weights very little.',
        feedback:
          'Right: a slow, steady, straight decline is the signature of too small a learning rate.',
      },
      {
        id: 'overfit',
        text: 'It overfitted.',
        feedback:
          'Overfitting needs the training loss to fall well below the validation loss; here both barely move.',
      },
      {
        id: 'lr-high',
        text: 'The learning rate was too large.',
        feedback: 'Too large a learning rate gives a noisy or diverging loss, not a smooth crawl.',
      },
      {
        id: 'converged',
        text: 'It had already converged to its minimum.',
        feedback:
          'A converged loss levels off; this one still falls steadily, and another run reaches far lower.',
      },
    ],
    answer: ['lr-low'],
    explanation:
      'Each update moves the weights by the learning rate times the gradient. With a learning rate far too small the loss does go down, and smoothly, but so slowly that training looks stuck; the curve is a shallow straight line rather than the usual fast drop that flattens out. The tenfold learning rate shows the model can learn much more in the same time. Convergence would look flat, overfitting would open a gap to validation, and a too-large learning rate would be noisy or diverge.',
    difficulty: 1,
    tags: ['training-curves', 'learning-rate'],
    source: AUTHORS,
  },
  ...templateItems('training-curves', topic, {
    base: 0,
    tags: ['training-curves', 'early-stopping', 'figure-reading'],
  }),
];
