/**
 * What changed between two submission rounds of an application (reviewers check a resubmission
 * against the return comments; the applicant sees the same). Pure: rounds in, differences out.
 */
import { canonicalJson } from '../../shared/canonical-json.ts';

export interface RoundSnapshot {
  round: number;
  basicInfo: Record<string, unknown>;
  report: Record<string, unknown>;
  indicators: Record<string, unknown>;
  attachments: { slotKey: string; fileName: string; sha256: string }[];
}

export interface FieldChange {
  /** Dotted path: `teamTotal`, `builtByEnterprise`, `indicators.teamsInSubField`. */
  field: string;
  before: unknown;
  after: unknown;
}

export interface RoundDiff {
  fromRound: number;
  toRound: number;
  basicInfo: FieldChange[];
  /** Report sections (申报书) whose text changed, with both versions. */
  report: FieldChange[];
  indicators: FieldChange[];
  /** Files by slot and digest: a replaced file shows as one removed and one added. */
  attachments: { slotKey: string; change: 'added' | 'removed'; fileName: string; sha256: string }[];
}

/** Top-level keys whose values differ, in a stable order; a missing value is null. */
function changedFields(before: Record<string, unknown>, after: Record<string, unknown>, prefix = ''): FieldChange[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return keys
    .filter((k) => canonicalJson(before[k]) !== canonicalJson(after[k]))
    .map((k) => ({ field: `${prefix}${k}`, before: before[k] ?? null, after: after[k] ?? null }));
}

const asRecord = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** Indicators are grouped (`indicators`, `space`, …): changes are named `group.field`. */
function changedIndicators(before: Record<string, unknown>, after: Record<string, unknown>): FieldChange[] {
  const groups = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return groups.flatMap((g) => changedFields(asRecord(before[g]), asRecord(after[g]), `${g}.`));
}

export function diffRounds(from: RoundSnapshot, to: RoundSnapshot): RoundDiff {
  const key = (a: { slotKey: string; sha256: string }) => `${a.slotKey}\u0000${a.sha256}`;
  const had = new Set(from.attachments.map(key));
  const has = new Set(to.attachments.map(key));
  return {
    fromRound: from.round,
    toRound: to.round,
    basicInfo: changedFields(from.basicInfo, to.basicInfo),
    report: changedFields(from.report, to.report),
    indicators: changedIndicators(from.indicators, to.indicators),
    attachments: [
      ...from.attachments.filter((a) => !has.has(key(a))).map((a) => ({ slotKey: a.slotKey, change: 'removed' as const, fileName: a.fileName, sha256: a.sha256 })),
      ...to.attachments.filter((a) => !had.has(key(a))).map((a) => ({ slotKey: a.slotKey, change: 'added' as const, fileName: a.fileName, sha256: a.sha256 })),
    ],
  };
}

/** The diff of each round against the one before it (round 2 against 1, 3 against 2, …). */
export function diffConsecutive(rounds: readonly RoundSnapshot[]): RoundDiff[] {
  const sorted = [...rounds].sort((a, b) => a.round - b.round);
  return sorted.slice(1).map((r, i) => diffRounds(sorted[i]!, r));
}
