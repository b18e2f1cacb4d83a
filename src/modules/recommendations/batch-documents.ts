import type { Config } from '../../config.ts';
import type { Db, DbOrTx } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import { stageAfterIn, type StageTemplate } from '../../shared/chains.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import type { AuditContext } from '../audit/index.ts';
import * as audit from '../audit/index.ts';
import { shanghaiDate } from '../documents/index.ts';
import { openLinkedFile } from '../files/index.ts';
import { findOrganisation, governingOrgsOver } from '../orgs/index.ts';
import {
  stageOrgs,
  submissionFacts,
} from '../workflow/index.ts';
import { type Loaded, loadOwn } from './access.ts';
import { authorityCommitmentDocx, filingSubject, letterDocx, type LetterFacts } from './documents.ts';
import { ownsBatch, readsPackage } from './policy.ts';
import * as repo from './repository.ts';

/** 主送 of the letter: whoever works the next stage over the recommending unit's jurisdiction. */
async function addressees(db: DbOrTx, actor: Actor, next: StageTemplate | undefined): Promise<string[]> {
  if (!next || !actor.jurisdictionPath) return [];
  const orgs = (await Promise.all(stageOrgs(next.actor).map((o) => governingOrgsOver(db, actor.jurisdictionPath!, o.kind, o.level)))).flat();
  return [...new Set(orgs.map((o) => o.name))];
}

async function letterFacts(db: DbOrTx, actor: Actor, l: Loaded): Promise<LetterFacts> {
  return {
    unitName: (await findOrganisation(db, l.batch.recommenderOrgId))!.name,
    letterNumber: l.batch.letterNumber,
    callTitle: l.call.title,
    callYear: l.call.year,
    callLevel: l.call.level,
    professionalOnly: l.call.eligibleCategories.length > 0 && l.call.eligibleCategories.every((c) => c === 'professional'),
    addressees: await addressees(db, actor, stageAfterIn(l.call.chain!, l.stage.key)),
    rows: l.facts.map((f) => ({ spaceName: f.space.name, operatorName: f.space.operator.name, regionName: f.space.regionName, category: f.space.category })),
    withCommitment: !!l.stage.documents?.includes('authority_commitment'),
    date: shanghaiDate(new Date()),
  };
}

/** 推荐函 prefilled for signing and sealing; the download is audited. */
export async function letterDocument(db: Db, actor: Actor, ctx: AuditContext, id: string) {
  const l = await loadOwn(db, actor, id);
  const facts = await letterFacts(db, actor, l);
  const buffer = await letterDocx(facts);
  await audit.record(db, ctx, { action: 'recommendation.letter.download', objectType: 'recommendation', objectId: id });
  return { buffer, fileName: `推荐函-${filingSubject(facts)}.docx` };
}

/** 主管部门信用承诺书 (001 附件5) prefilled, only where the stage asks for it; the download is audited. */
export async function commitmentDocument(db: Db, actor: Actor, ctx: AuditContext, id: string) {
  const l = await loadOwn(db, actor, id);
  if (!l.stage.documents?.includes('authority_commitment'))
    throw new AppError('STATE_CONFLICT', { zh: '本推荐环节不需要主管部门信用承诺书', en: 'This recommend stage takes no authority commitment' });
  const facts = await letterFacts(db, actor, l);
  const buffer = await authorityCommitmentDocx(facts);
  await audit.record(db, ctx, { action: 'recommendation.commitment.download', objectType: 'recommendation', objectId: id });
  return { buffer, fileName: `主管部门信用承诺书-${facts.unitName}.docx` };
}

/**
 * A scan of a batch: for its own organisation, and once sent for whoever reads the package of one
 * of its applications. Opened through the file store (audited with the batch).
 */
export async function openBatchFile(db: Db, config: Config, actor: Actor, ctx: AuditContext, id: string, fileId: string) {
  const batch = await repo.findById(db, id);
  const gone = () => notFound({ zh: '文件不存在', en: 'No such file' });
  if (!batch || (fileId !== batch.letterFileId && fileId !== batch.commitmentFileId)) throw gone();
  let allowed = ownsBatch(actor, batch.recommenderOrgId);
  if (!allowed && batch.status === 'sent')
    for (const item of await repo.items(db, id)) {
      const f = await submissionFacts(db, item.applicationId);
      if (f && readsPackage(actor, { operatorOrgId: f.app.operatorOrgId, spaceRegionPath: f.space.regionPath })) {
        allowed = true;
        break;
      }
    }
  if (!allowed) throw gone();
  return openLinkedFile(db, config, ctx, fileId, { objectType: 'recommendation', objectId: id });
}
