import { describe, expect, it } from 'vitest';
import { makeActor } from '../../../test/helpers/actor.ts';
import type { AppError } from '../../shared/errors.ts';
import { abilitiesOn, can, type ApplicationAction, type ApplicationSubject } from './policy.ts';
import { APPLICATION_STATUSES, type ApplicationStatus } from '../workflow/schema.ts';
import { allowedFrom, nextStatus, TRANSITIONS } from '../workflow/index.ts';

const SHENYANG = '000000/210000/210100';
const subject = (status: ApplicationStatus, operatorOrgId = 'o-own'): ApplicationSubject => ({
  operatorOrgId,
  status,
  spaceRegionPath: `${SHENYANG}/210112`,
  callRegionPath: SHENYANG,
});

const opAdmin = makeActor();
const opStaff = makeActor({ roles: ['operator_staff'] });
const otherOp = makeActor({ org: { id: 'o-other' } });
const authority = (roles: ('authority_admin' | 'authority_reviewer')[], path: string) =>
  makeActor({ roles, jurisdictionPath: path, org: { id: 'a', kind: 'authority', authorityLevel: 'city' } });
const syAdmin = authority(['authority_admin'], SHENYANG);
const syReviewer = authority(['authority_reviewer'], SHENYANG);
const lnAdmin = authority(['authority_admin'], '000000/210000');
const dlAdmin = authority(['authority_admin'], '000000/210000/210200');
const hunnanAdmin = authority(['authority_admin'], `${SHENYANG}/210112`);
const sysadmin = makeActor({ roles: ['system_admin'], org: { id: 'p', kind: 'platform' } });

type Row = [string, ReturnType<typeof makeActor>, ApplicationAction, ApplicationStatus, boolean];
const table: Row[] = [
  ['admin reads own', opAdmin, 'application.read', 'draft', true],
  ['staff edits own draft', opStaff, 'application.edit', 'draft', true],
  ['staff edits own withdrawn', opStaff, 'application.edit', 'withdrawn', true],
  ['nobody edits a submitted one', opAdmin, 'application.edit', 'submitted', false],
  ['staff attaches to own draft', opStaff, 'application.attach', 'draft', true],
  ['staff cannot confirm the commitment', opStaff, 'application.confirm_commitment', 'draft', false],
  ['admin confirms the commitment', opAdmin, 'application.confirm_commitment', 'draft', true],
  ['staff submits own draft', opStaff, 'application.submit', 'draft', true],
  ['resubmit after withdrawal', opAdmin, 'application.submit', 'withdrawn', true],
  ['no second submit', opAdmin, 'application.submit', 'submitted', false],
  ['withdraw a submitted one', opAdmin, 'application.withdraw', 'submitted', true],
  ['no withdrawing a draft', opAdmin, 'application.withdraw', 'draft', false],
  ['operator exports its materials', opStaff, 'application.export_materials', 'submitted', true],
  ['operator cannot extend', opAdmin, 'application.extend', 'draft', false],
  ['other operator reads nothing', otherOp, 'application.read', 'submitted', false],
  ['other operator edits nothing', otherOp, 'application.edit', 'draft', false],
  ['other operator submits nothing', otherOp, 'application.submit', 'draft', false],
  ['city reviewer reads in jurisdiction', syReviewer, 'application.read', 'submitted', true],
  ['city reviewer exports the document', syReviewer, 'application.export', 'submitted', true],
  ['city reviewer exports the materials', syReviewer, 'application.export_materials', 'submitted', true],
  ['other city exports no materials', dlAdmin, 'application.export_materials', 'submitted', false],
  ['reviewer does not edit', syReviewer, 'application.edit', 'draft', false],
  ['reviewer does not submit', syReviewer, 'application.submit', 'draft', false],
  ['reviewer does not extend', syReviewer, 'application.extend', 'draft', false],
  ['other city reads nothing', dlAdmin, 'application.read', 'submitted', false],
  ['city admin extends its call', syAdmin, 'application.extend', 'draft', true],
  ['province admin extends a call below it', lnAdmin, 'application.extend', 'withdrawn', true],
  ['no extension once submitted', syAdmin, 'application.extend', 'submitted', false],
  ['other city cannot extend', dlAdmin, 'application.extend', 'draft', false],
  ['county reads its space', hunnanAdmin, 'application.read', 'submitted', true],
  ['county cannot extend a city call', hunnanAdmin, 'application.extend', 'draft', false],
  ['system admin reads nothing', sysadmin, 'application.read', 'submitted', false],
];

describe('application policy', () => {
  it.each(table)('%s', (_name, actor, action, status, expected) => {
    expect(can(actor, action, subject(status))).toBe(expected);
  });

  it('answers role-level questions without a subject', () => {
    expect(can(opStaff, 'application.create')).toBe(true);
    expect(can(syReviewer, 'application.create')).toBe(false);
    expect(can(syReviewer, 'application.list')).toBe(false);
    expect(can(syReviewer, 'application.read')).toBe(true);
    expect(can(opStaff, 'application.read')).toBe(true);
    expect(can(sysadmin, 'application.read')).toBe(false);
    expect(can(sysadmin, 'application.list')).toBe(false);
    expect(can(syAdmin, 'application.extend')).toBe(true);
    expect(can(syReviewer, 'application.extend')).toBe(false);
  });

  it('sends per-application abilities without the role-level ones', () => {
    const a = abilitiesOn(opStaff, subject('draft'));
    expect(a).toMatchObject({ read: true, edit: true, submit: true, withdraw: false, confirm_commitment: false });
    expect(a).not.toHaveProperty('list');
  });
});

describe('transition table', () => {
  it('is the one source of the states each action starts from', () => {
    expect(allowedFrom('submit')).toEqual(['draft', 'withdrawn']);
    expect(allowedFrom('withdraw')).toEqual(['submitted']);
    expect(allowedFrom('extend')).toEqual(['draft', 'withdrawn', 'returned']);
    expect(allowedFrom('resubmit')).toEqual(['returned']);
    expect(allowedFrom('file')).toEqual(['in_review', 'rejected']);
    expect(allowedFrom('cancel_for_fraud')).toEqual(['submitted', 'withdrawn', 'in_review', 'returned', 'in_public_notice', 'rejected', 'filed']);
    expect(nextStatus('draft', 'submit')).toBe('submitted');
    expect(nextStatus('submitted', 'withdraw')).toBe('withdrawn');
    expect(nextStatus('in_public_notice', 'block')).toBe('rejected');
    expect(Object.keys(TRANSITIONS)).toEqual([...APPLICATION_STATUSES]);
    expect(TRANSITIONS.cancelled_for_fraud).toEqual({});
  });

  it('answers a move the table lacks with 409 naming the state', () => {
    const err = (() => {
      try {
        nextStatus('submitted', 'submit');
      } catch (e) {
        return e as AppError;
      }
    })();
    expect(err?.code).toBe('STATE_CONFLICT');
    expect(err?.message).toBe('申请当前状态为“已提交”，不能提交');
  });
});
