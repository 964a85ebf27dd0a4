/**
 * What the app does between a learner's actions, from the main process's idle timer
 * (`electron/bootstrap.ts`, every 2 s), so that an answer or a quiz start does not pay for it:
 * a WAL checkpoint that also rewinds the emptied log (`db/checkpoint`), and a young-generation
 * garbage collection once the young generation holds garbage worth collecting. Without the
 * second, about one quiz start in sixty met a scavenge of the allocations of the ones before it
 * (1–5 ms, more under load); browsers schedule such collections in idle time, Node does not.
 * It also builds the bank search index (`db/queries/bank-search`) a slice at a time, so the
 * learner's first search after start or after an import finds it ready instead of folding the
 * whole bank (seconds on a 100k-question bank) while they wait; {@link SearchWarmup} runs the
 * slices back to back when the index is stale. The bench calls the same function between the
 * actions it times.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { checkpointIdle, type IdleCheckpoint } from '../db/checkpoint';
import type { Db } from '../db/connection';
import { prepareSearchIndex } from '../db/queries/bank-search';

/**
 * Time one idle slice spends building the search index: a call arriving meanwhile waits at most
 * about this long (plus one chunk of rows).
 */
export const searchSliceMs = 15;

/** Young-generation bytes in use above which an idle tick collects them. */
export const youngGarbageThreshold = 512 * 1024;

type GcFunction = (options: { type: 'minor'; execution: 'sync' }) => void;

let collector: GcFunction | null | undefined;

/** V8's `gc`, exposed once at first use; null where the runtime refuses to expose it. */
function youngCollector(): GcFunction | null {
  if (collector === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc');
      collector = vm.runInNewContext('gc') as GcFunction;
    } catch {
      collector = null;
    }
  }
  return collector;
}

/** Bytes in use in V8's young generation (new space). */
export function youngGenerationUsed(): number {
  return (
    v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_used_size ?? 0
  );
}

/** What one idle tick did. */
export interface IdleWork {
  readonly checkpoint: IdleCheckpoint;
  /** True when the young generation was collected. */
  readonly collected: boolean;
  /** True when the bank search index is complete and current after this tick. */
  readonly searchReady: boolean;
}

/**
 * One idle tick's maintenance: checkpoint (and WAL rewind), one slice of the search index
 * build if it is stale, then a minor GC if worth it (the slice's garbage included).
 */
export function idleMaintenance(db: Db): IdleWork {
  const checkpoint = checkpointIdle(db);
  const searchReady = prepareSearchIndex(db, searchSliceMs);
  let collected = false;
  if (youngGenerationUsed() > youngGarbageThreshold) {
    const gc = youngCollector();
    if (gc !== null) {
      gc({ type: 'minor', execution: 'sync' });
      collected = true;
    }
  }
  return { checkpoint, collected, searchReady };
}

/**
 * Builds the search index in slices of {@link searchSliceMs}, `gapMs` apart so the service
 * answers calls between them, until it is ready; started after the app opens its database and
 * whenever an idle tick finds the index stale (after an import or a restore).
 */
export class SearchWarmup {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly db: Db,
    private readonly gapMs = 5,
  ) {}

  /** Starts the slices unless they are running; they stop by themselves once it is ready. */
  start(): void {
    if (this.timer !== undefined) return;
    const slice = (): void => {
      this.timer = undefined;
      if (!this.db.open || prepareSearchIndex(this.db, searchSliceMs)) return;
      this.timer = setTimeout(slice, this.gapMs);
      this.timer.unref();
    };
    this.timer = setTimeout(slice, 0);
    this.timer.unref();
  }

  /** True while slices are still to run. */
  get running(): boolean {
    return this.timer !== undefined;
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
