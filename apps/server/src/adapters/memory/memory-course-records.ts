import type { GroupState, ModerationQuery, ModerationRecord } from '../../ports/course-records.js';
import { selectModeration } from '../moderation-order.js';

/** The moderation log and the teachers' group decisions, in process. */
export class MemoryCourseRecords {
  private readonly moderation = new Map<string, ModerationRecord>();
  private readonly groups = new Map<string, GroupState>();

  saveModeration(record: ModerationRecord): void {
    this.moderation.set(record.id, { ...record });
  }

  listModeration(query: ModerationQuery): ModerationRecord[] {
    return selectModeration(this.moderation.values(), query);
  }

  purgeModeration(cutoff: number, limit: number): number {
    return purge(this.moderation, (r) => r.at < cutoff, limit);
  }

  /** Deletes every moderation record of this student. */
  forgetModeration(student: string): number {
    return purge(this.moderation, (r) => r.student === student, Infinity);
  }

  saveGroupState(state: GroupState): void {
    this.groups.set(state.groupId, { ...state });
  }

  groupStates(): GroupState[] {
    return [...this.groups.values()].map((g) => ({ ...g }));
  }

  purgeGroupStates(cutoff: number, limit: number): number {
    return purge(this.groups, (g) => g.at < cutoff, limit);
  }
}

/** Deletes up to `limit` entries `doomed` accepts; returns how many. */
function purge<T>(map: Map<string, T>, doomed: (v: T) => boolean, limit: number): number {
  let n = 0;
  for (const [key, v] of map) {
    if (n >= limit) break;
    if (doomed(v)) {
      map.delete(key);
      n++;
    }
  }
  return n;
}
