import type { Db } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import * as audit from '../audit/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { formTable, gridTable, heading, packDocx, paragraph, shanghaiDate, title } from '../documents/index.ts';
import type { Config } from '../../config.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { authoriseFiles, openLinkedFile } from '../files/index.ts';
import { submissionFacts } from '../workflow/index.ts';
import { can } from './policy.ts';
import * as repo from './repository.ts';
import { getReturn } from './service.ts';

/**
 * A return's cover page (封面) for signature and stamp: the space, the round and period, the key
 * indicators as filed (in the catalogue's units), and the boxes the principal signs and the operator
 * stamps. The signed and stamped cover goes back as a scan; the figures stay those of the return.
 */
export async function returnCover(db: Db, actor: Actor, ctx: AuditContext, id: string) {
  const r = await getReturn(db, actor, id);
  const keys = r.catalogue.definition.indicators.filter((i) => i.key);
  const figure = (code: string) => {
    const v = r.values[code];
    return v === undefined ? '—' : Array.isArray(v) ? v.join('、') : String(v);
  };
  const buffer = await packDocx(`${r.space.name} ${r.period} 统计报表封面`, [
    title(`${r.call.title}`),
    paragraph('封  面', { align: 'center', bold: true }),
    formTable([
      ['众创空间', r.space.name],
      ['所在地区', r.space.regionName],
      ['运营主体', figure('operator_name')],
      ['统计期间', r.period],
      ['指标目录', `${r.catalogue.name}（第${r.catalogue.version}版）`],
      ['组织单位', r.call.authorityName],
      ['截止时间', shanghaiDate(r.call.dueAt)],
    ]),
    heading('主要指标'),
    gridTable(['指标', '计量单位', '数值'], keys.map((i) => [i.label, i.unit ?? '', figure(i.code)])),
    heading('声明'),
    paragraph('本单位承诺所填报统计数据真实、准确、完整，如有虚报、瞒报，愿承担相应责任。', { indent: true }),
    formTable([
      ['负责人（签字）', ''],
      ['填表人（签字）', ''],
      ['单位（盖章）', ''],
      ['日期', '    年    月    日'],
    ]),
  ]);
  await db.transaction((tx) => audit.recordInTx(tx, ctx, { action: 'annual_return.export', objectType: 'annual_return', objectId: id, detail: { format: 'docx', part: 'cover' } }));
  return { buffer, fileName: `${r.space.name}-${r.period}统计报表封面.docx` };
}

const SCAN_KINDS = ['pdf', 'jpeg'] as const;

/**
 * The operator attaches the scan of its signed and stamped cover (a PDF or JPEG it uploaded through
 * the files module) to its return, replacing an earlier one; reviewers see and open it. Refused to
 * anyone but the operator's members (404 out of sight, 403 a reviewer), for a missed return, and
 * for a file of another kind (400 naming `body.fileId`); nothing changes then.
 */
export async function attachCoverScan(db: Db, actor: Actor, ctx: AuditContext, id: string, input: { fileId: string }) {
  const r = await getReturn(db, actor, id);
  const facts = await submissionFacts(db, id);
  if (!can(actor, 'return.list_mine') || facts!.app.operatorOrgId !== actor.org.id) throw new AppError('FORBIDDEN');
  if (r.missedAt) throw new AppError('NOT_EDITABLE', { zh: '该报表已逾期未报', en: 'This return was missed' });
  const [file] = await authoriseFiles(db, actor, 'file.attach', [input.fileId]).catch(() => {
    throw new AppError('NOT_FOUND', { zh: 'body.fileId：文件不存在（请先由本单位上传）', en: 'body.fileId: no such file (upload it first)', fields: [{ field: 'body.fileId', message: '文件不存在', messageEn: 'no such file' }] });
  });
  if (!(SCAN_KINDS as readonly string[]).includes(file!.kind))
    throw new AppError('FILE_TYPE_REFUSED', { zh: '封面扫描件仅限 PDF 或 JPG 文件', en: 'The cover scan must be a PDF or JPEG', fields: [{ field: 'body.fileId', message: '仅限 PDF、JPG 文件', messageEn: 'PDF or JPEG only' }] });
  await db.transaction(async (tx) => {
    await repo.setCoverFile(tx, id, input.fileId);
    await audit.recordInTx(tx, ctx, { action: 'annual_return.cover_scan', objectType: 'annual_return', objectId: id, detail: { fileId: input.fileId } });
  });
  return getReturn(db, actor, id);
}

/** The stamped cover scan, for whoever reads the return; the opening is audited with the return. */
export async function openCoverScan(db: Db, config: Config, ctx: AuditContext, actor: Actor, id: string) {
  const r = await getReturn(db, actor, id);
  if (!r.coverScan) throw notFound({ zh: '尚未上传盖章封面扫描件', en: 'No stamped cover scan yet' });
  return openLinkedFile(db, config, ctx, r.coverScan.id, { objectType: 'annual_return', objectId: id });
}
