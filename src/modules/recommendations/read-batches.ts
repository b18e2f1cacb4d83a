import type { Db } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import { stageIn } from '../../shared/chains.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { findCall, type CallDetail } from '../calls/index.ts';
import { linkedFileMeta } from '../files/index.ts';
import { findOrganisation } from '../orgs/index.ts';
import {
  submissionFacts,
} from '../workflow/index.ts';
import { loadOwn, present } from './access.ts';
import { can, readsPackage } from './policy.ts';
import * as repo from './repository.ts';

export async function getBatch(db: Db, actor: Actor, id: string) {
  return present(db, actor, await loadOwn(db, actor, id));
}

/** The actor's organisation's batches, newest first. */
export async function listBatches(db: Db, actor: Actor, page: number, pageSize: number) {
  if (!can(actor, 'recommendation.prepare')) throw new AppError('FORBIDDEN');
  const { items, total } = await repo.listByOrg(db, actor.org.id, page, pageSize);
  const calls = new Map<string, CallDetail>();
  for (const { batch } of items) if (!calls.has(batch.callId)) calls.set(batch.callId, (await findCall(db, batch.callId))!);
  return {
    items: items.map(({ batch, count }) => {
      const call = calls.get(batch.callId)!;
      return {
        id: batch.id,
        call: { id: call.id, title: call.title, year: call.year },
        stageKey: batch.stageKey,
        stageName: stageIn(call.chain!, batch.stageKey)?.name ?? batch.stageKey,
        letterNumber: batch.letterNumber,
        status: batch.status,
        revision: batch.revision,
        count,
        createdAt: batch.createdAt,
        sentAt: batch.sentAt,
      };
    }),
    total,
    page,
    pageSize,
  };
}

/** The sent recommendation(s) that carried an application, for later stages and the applicant. */
export async function packageFor(db: Db, actor: Actor, applicationId: string) {
  const f = await submissionFacts(db, applicationId);
  if (!f || !readsPackage(actor, { operatorOrgId: f.app.operatorOrgId, spaceRegionPath: f.space.regionPath })) throw notFound({ zh: '申请不存在', en: 'No such application' });
  const batches = await repo.sentFor(db, applicationId);
  return {
    items: await Promise.all(
      batches.map(async (b) => {
        const [recommender, files, items] = await Promise.all([
          findOrganisation(db, b.recommenderOrgId),
          linkedFileMeta(db, [b.letterFileId, b.commitmentFileId].filter((x): x is string => !!x)),
          repo.items(db, b.id),
        ]);
        const link = (kind: 'letter' | 'commitment', fileId: string | null) => {
          const file = files.find((x) => x.id === fileId);
          return file ? [{ kind, fileId: file.id, name: file.originalName, url: `/api/recommendations/${b.id}/files/${file.id}` }] : [];
        };
        return {
          id: b.id,
          stageKey: b.stageKey,
          stageName: f.chain ? (stageIn(f.chain, b.stageKey)?.name ?? b.stageKey) : b.stageKey,
          letterNumber: b.letterNumber,
          recommender: { id: recommender!.id, name: recommender!.name },
          sentAt: b.sentAt!,
          count: items.length,
          position: items.find((i) => i.applicationId === applicationId)?.position ?? null,
          files: [...link('letter', b.letterFileId), ...link('commitment', b.commitmentFileId)],
        };
      }),
    ),
  };
}
