/**
 * What the app does between a learner's actions, from the main process's idle timer
 * (`electron/bootstrap.ts`, every 2 s), so that an answer or a quiz start does not pay for it:
 * a WAL checkpoint that also rewinds the emptied log (`db/checkpoint`), and a young-generation
 * garbage collection once the young generation holds garbage worth collecting. Without the
 * second, about one quiz start in sixty met a scavenge of the allocations of the ones before it
 * (1–5 ms, more under load); browsers schedule such collections in idle time, Node does not.
 * The bench calls the same function between the actions it times.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { checkpointIdle, type IdleCheckpoint } from '../db/checkpoint';
import type { Db } from '../db/connection';

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
}

/** One idle tick's maintenance: checkpoint (and WAL rewind), then a minor GC if worth it. */
export function idleMaintenance(db: Db): IdleWork {
  const checkpoint = checkpointIdle(db);
  let collected = false;
  if (youngGenerationUsed() > youngGarbageThreshold) {
    const gc = youngCollector();
    if (gc !== null) {
      gc({ type: 'minor', execution: 'sync' });
      collected = true;
    }
  }
  return { checkpoint, collected };
}
