import { describe, expect, it } from 'vitest';
import type { Actor } from '../../shared/actor.ts';
import type { Role } from '../../shared/domain.ts';
import { can, changesApplication, readsApplication, readsCall, scores, seesScores, windowOpen } from './policy.ts';
import { callActionsOf, nextCallState } from './transitions.ts';

const actor = (kind: Actor['org']['kind'], roles: Role[], orgId = 'org-1'): Actor =>
  ({ userId: 'u', username: 'u', displayName: 'u', sessionId: 's', roles, org: { id: orgId, name: 'o', kind, authorityLevel: null, regionCode: '210102', regionName: 'r' }, jurisdictionPath: null, mustChangePassword: false, mfaEnrolled: true, locale: 'zh-CN' }) as Actor;

const operator = actor('operator', ['operator_staff'], 'op-1');
const otherOperator = actor('operator', ['operator_admin'], 'op-2');
const maker = actor('maker_team', ['maker'], 'team-1');
const otherMaker = actor('maker_team', ['maker'], 'team-2');
const expert = actor('expert_body', ['expert'], 'pool');
const authority = actor('authority', ['authority_admin'], 'auth');
const call = (state: 'draft' | 'open' | 'reviewing' | 'published' | 'cancelled', onPanel = false) => ({ operatorOrgId: 'op-1', state, onPanel });

describe('pitch policy', () => {
  it('lets a space’s operator keep its own calls only', () => {
    expect(can(operator, 'pitch.manage', call('draft'))).toBe(true);
    expect(can(otherOperator, 'pitch.manage', call('draft'))).toBe(false);
    for (const a of [maker, expert, authority]) expect(can(a, 'pitch.manage')).toBe(false);
  });

  it('lets maker teams apply to open calls only', () => {
    expect(can(maker, 'pitch.apply', call('open'))).toBe(true);
    for (const s of ['draft', 'reviewing', 'published', 'cancelled'] as const) expect(can(maker, 'pitch.apply', call(s))).toBe(false);
    for (const a of [operator, expert, authority]) expect(can(a, 'pitch.apply')).toBe(false);
  });

  it('lets only assigned reviewers score, and only during the review', () => {
    expect(scores(call('reviewing', true))).toBe(true);
    expect(scores(call('reviewing', false))).toBe(false);
    for (const s of ['draft', 'open', 'published'] as const) expect(scores(call(s, true))).toBe(false);
    expect(can(expert, 'pitch.review')).toBe(true);
    expect(can(maker, 'pitch.review')).toBe(false);
  });

  it('keeps drafts, applications and scores private', () => {
    expect(readsCall(maker, call('draft'))).toBe(false);
    expect(readsCall(expert, call('draft', true))).toBe(true);
    expect(readsCall(maker, call('open'))).toBe(true);
    const app = { ...call('reviewing'), makerOrgId: 'team-1' };
    expect(readsApplication(maker, app)).toBe(true);
    expect(readsApplication(otherMaker, app)).toBe(false);
    expect(readsApplication(expert, app)).toBe(false);
    expect(readsApplication(expert, { ...app, onPanel: true })).toBe(true);
    expect(readsApplication(otherOperator, app)).toBe(false);
    expect(seesScores(maker, app)).toBe(false);
    expect(seesScores(operator, app)).toBe(true);
  });

  it('opens the window at its start and closes it at its end; the team changes its application only inside it', () => {
    const w = { opensAt: new Date('2026-05-01T00:00:00Z'), closesAt: new Date('2026-06-01T00:00:00Z') };
    expect(windowOpen(w, new Date('2026-04-30T23:59:59Z'))).toBe(false);
    expect(windowOpen(w, new Date('2026-05-01T00:00:00Z'))).toBe(true);
    expect(windowOpen(w, new Date('2026-06-01T00:00:00Z'))).toBe(false);
    const app = { ...call('open'), makerOrgId: 'team-1', ...w };
    expect(changesApplication(maker, app, new Date('2026-05-15T00:00:00Z'))).toBe(true);
    expect(changesApplication(maker, app, new Date('2026-06-02T00:00:00Z'))).toBe(false);
    expect(changesApplication(otherMaker, app, new Date('2026-05-15T00:00:00Z'))).toBe(false);
  });

  it('moves a call along its table', () => {
    expect(callActionsOf('draft')).toEqual(['open', 'cancel']);
    expect(callActionsOf('open')).toEqual(['review', 'cancel']);
    expect(callActionsOf('reviewing')).toEqual(['publish', 'cancel']);
    expect(callActionsOf('published')).toEqual([]);
    expect(nextCallState('draft', 'publish')).toBeNull();
  });
});
