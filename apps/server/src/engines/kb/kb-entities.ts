import type { GlossaryEntity } from './kb-glossary.js';

/** Families named in a text, grouped by kind (protocol, state, tool …). */
export type EntitySet = Map<string, Set<string>>;

/** The entities among `terms`, by kind. */
export function entitiesOf(terms: Iterable<string>, entities: ReadonlyMap<string, GlossaryEntity>): EntitySet {
  const found: EntitySet = new Map();
  for (const term of terms) {
    const entity = entities.get(term);
    if (!entity) continue;
    const families = found.get(entity.kind) ?? new Set<string>();
    families.add(entity.family);
    found.set(entity.kind, families);
  }
  return found;
}

/** Multipliers for how an entry's names relate to the question's, per kind of name. */
const TITLE_AGREES = 1;
/** The title names some of the question's names of that kind, not all (RIP + 默认路由 asked, 默认路由 named). */
const TITLE_PARTLY = 0.7;
const BODY_AGREES = 0.8;
const NOT_NAMED = 0.5;
/** The entry's title names another of the same kind (a RIP entry for an OSPF question). */
const CONFLICTS = 0.3;

/**
 * How well an entry agrees with the names in a question: for each kind the question names
 * (OSPF is a protocol, Init a state), an entry whose title names the same one keeps its score,
 * one that names it only in its body keeps most of it, one that does not name it loses half,
 * and one whose title names another of that kind keeps less than a third. The product over
 * the kinds, so an OSPF question ranks every OSPF entry above any RIP entry unless the RIP
 * entry matches more than three times better otherwise.
 */
export function agreement(question: EntitySet, title: EntitySet, body: EntitySet): number {
  let factor = 1;
  for (const [kind, families] of question) {
    const inTitle = title.get(kind);
    const named = [...families].filter((f) => inTitle?.has(f)).length;
    if (named === families.size) factor *= TITLE_AGREES;
    else if (named > 0) factor *= TITLE_PARTLY;
    else if (inTitle !== undefined && inTitle.size > 0) factor *= CONFLICTS;
    else if ([...families].some((f) => body.get(kind)?.has(f))) factor *= BODY_AGREES;
    else factor *= NOT_NAMED;
  }
  return factor;
}

/** The question's entities of families no entry names at all (VRRP in a course without it). */
export function uncovered(question: EntitySet, known: ReadonlySet<string>): string[] {
  return [...question.values()].flatMap((families) => [...families].filter((f) => !known.has(f)));
}

/** `set` without the families in `drop`. */
export function withoutFamilies(set: EntitySet, drop: ReadonlySet<string>): EntitySet {
  const out: EntitySet = new Map();
  for (const [kind, families] of set) {
    const kept = new Set([...families].filter((f) => !drop.has(f)));
    if (kept.size > 0) out.set(kind, kept);
  }
  return out;
}
