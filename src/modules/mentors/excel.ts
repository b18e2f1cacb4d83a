/** A space's mentors with their coaching this year as a workbook (issue 15: exports to Excel); contacts always masked. */
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { maskPersonal } from '../../shared/validation/masking.ts';
import * as audit from '../audit/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { addTable, workbook, xlsxBuffer } from '../documents/index.ts';
import { findSpaceInScope } from '../spaces/index.ts';
import { can } from './policy.ts';
import * as repo from './repository.ts';
import type { MentorKind } from './schema.ts';
import { beijingYear } from '../../shared/beijing-time.ts';

const KIND_NAMES: Record<MentorKind, string> = { industry: '产业导师', startup: '创业导师', technology: '技术导师' };
const MAX_ROWS = 10_000;
const NO_SPACE = { zh: '众创空间不存在', en: 'No such space' };

/** Who reads the space's mentors (its operator, the authorities over it) may export them. */
export async function exportSpaceMentors(db: Db, actor: Actor, ctx: AuditContext, spaceId: string) {
  if (!can(actor, 'mentor.read')) throw new AppError('FORBIDDEN');
  const space = await findSpaceInScope(db, actor, spaceId).catch(() => {
    throw notFound(NO_SPACE);
  });
  if (!can(actor, 'mentor.read', { operatorOrgId: space.operator.id, regionPath: space.regionPath })) throw notFound(NO_SPACE);
  const year = beijingYear();
  const scope: repo.MentorScope = actor.org.kind === 'operator' ? { operatorOrgId: actor.org.id } : { withinPath: actor.jurisdictionPath! };
  const { rows } = await repo.listMentors(db, scope, { spaceId }, {}, year, MAX_ROWS, 0);
  const book = await workbook();
  addTable(
    book,
    '创业导师',
    [
      { key: 'name', header: '姓名', width: 12 },
      { key: 'kind', header: '导师类型', width: 10 },
      { key: 'term', header: '专兼职', width: 8 },
      { key: 'fields', header: '擅长领域', width: 30 },
      { key: 'affiliation', header: '工作单位', width: 30 },
      { key: 'title', header: '职务职称', width: 16 },
      { key: 'mobile', header: '手机（脱敏）', width: 15 },
      { key: 'active', header: '在册', width: 6 },
      { key: 'sessions', header: `${year}年辅导次数`, width: 14 },
      { key: 'hours', header: `${year}年辅导时长（小时）`, width: 18 },
      { key: 'relations', header: '进行中的辅导关系', width: 16 },
    ],
    rows.map((r) => ({
      name: r.mentor.name,
      kind: KIND_NAMES[r.mentor.kind],
      term: r.mentor.term === 'full_time' ? '专职' : '兼职',
      fields: r.mentor.fields.join('、'),
      affiliation: r.mentor.affiliation,
      title: r.mentor.title ?? '',
      mobile: r.mentor.contactMobile ? maskPersonal(r.mentor.contactMobile) : '',
      active: r.mentor.active ? '是' : '否',
      sessions: r.sessionsThisYear,
      hours: Math.round((r.minutesThisYear / 60) * 10) / 10,
      relations: r.activeRelations,
    })),
  );
  await audit.record(db, ctx, { action: 'mentor.export', objectType: 'space', objectId: spaceId, detail: { rows: rows.length, year } });
  return { buffer: await xlsxBuffer(book), fileName: `${space.name}-创业导师与辅导${year}.xlsx` };
}
