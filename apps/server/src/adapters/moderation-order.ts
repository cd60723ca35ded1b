import type { ModerationQuery, ModerationRecord } from '../ports/course-records.js';

/** Whether record `a` comes before `b` in the moderation log: newest first, ties by higher id. */
export function newestModerationFirst(a: Pick<ModerationRecord, 'at' | 'id'>, b: Pick<ModerationRecord, 'at' | 'id'>): number {
  return b.at - a.at || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

/** One page of the moderation log from records held in memory, by the rule of `CourseRecords.listModeration`. */
export function selectModeration(records: Iterable<ModerationRecord>, { from, to, before, limit }: ModerationQuery): ModerationRecord[] {
  const out: ModerationRecord[] = [];
  for (const r of records) {
    if (from !== undefined && r.at < from) continue;
    if (to !== undefined && r.at >= to) continue;
    if (before && newestModerationFirst(before, r) >= 0) continue;
    out.push({ ...r });
  }
  return out.sort(newestModerationFirst).slice(0, limit);
}
