import type { Db } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import * as audit from '../audit/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { formTable, gridTable, heading, packDocx, paragraph, shanghaiDate, title } from '../documents/index.ts';
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
