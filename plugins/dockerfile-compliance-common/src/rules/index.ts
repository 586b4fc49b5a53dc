/** The rule catalog of the standard (GDS000–GDS018), plus the suppression meta rule. */
import { GDS000 } from './GDS000';
import { GDS001 } from './GDS001';
import { GDS002 } from './GDS002';
import { GDS003 } from './GDS003';
import { GDS004 } from './GDS004';
import { GDS005 } from './GDS005';
import { GDS006 } from './GDS006';
import { GDS007 } from './GDS007';
import { GDS008 } from './GDS008';
import { GDS009 } from './GDS009';
import { GDS010 } from './GDS010';
import { GDS011 } from './GDS011';
import { GDS012 } from './GDS012';
import { GDS013 } from './GDS013';
import { GDS014 } from './GDS014';
import { GDS015 } from './GDS015';
import { GDS016 } from './GDS016';
import { GDS017 } from './GDS017';
import { GDS018 } from './GDS018';
import { GDS_SUPPRESS } from './GDS-SUPPRESS';
import type { Rule } from './rule';

/**
 * Exactly the catalog of docs/standard.md, in ID order.
 *
 * @public
 */
export const RULES: readonly Rule[] = [
  GDS000, GDS001, GDS002, GDS003, GDS004, GDS005, GDS006, GDS007, GDS008,
  GDS009, GDS010, GDS011, GDS012, GDS013, GDS014, GDS015, GDS016, GDS017, GDS018,
];

/**
 * RULES plus the meta rule for malformed suppression comments: every ruleId a Finding can carry.
 *
 * @public
 */
export const ALL_RULES: readonly Rule[] = [...RULES, GDS_SUPPRESS];

const BY_ID = new Map(ALL_RULES.map((r) => [r.id, r]));
/**
 * Metadata of any ruleId that can appear in a Finding (GDS000–GDS018, GDS-SUPPRESS).
 *
 * @public
 */
export function ruleById(id: string): Rule | undefined {
  return BY_ID.get(id);
}

export { GDS_SUPPRESS };
export type { BuildContextFacts, Rule, RawFinding, RelatedRules } from './rule';
