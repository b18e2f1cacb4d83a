import { formTable, heading, packDocx, paragraph, richText, title } from '../documents/index.ts';
import { BASIC_INFO_FIELDS, NATURE_NAMES, REPORT_SECTIONS, type BasicInfo, type BasicInfoField, type Report, type YesWithName } from './dossier.ts';

/** What the commitment letter says, decided by the call it is written for. */
export interface CommitmentCall {
  title: string;
  level: 'city' | 'province' | 'national';
  /** The authority that runs the call, named as the one the applicant commits to below national level. */
  authorityName: string;
  /** The space's category: a professional space commits as one (001 §三.1 naming). */
  category: 'regular' | 'professional';
}

/**
 * The applicant's undertaking and the consequences it accepts, by the call's level: the national
 * call keeps the wording of 001 附件4 (the province recommends, so a breach costs the recommendation);
 * a provincial call costs the filing with a two-year bar (002 §四.(一).3); a city call costs the city
 * filing and the city title (003 第十条), committed to the city bureau by name.
 */
function commitmentClauses(call: CommitmentCall): { pledge: string; consequences: string[] } {
  const kind = call.category === 'professional' ? '专业化众创空间' : '众创空间';
  const breach = '如有失实或失信行为，愿意根据相关规定，承担以下责任：';
  const truthful = '申报数据真实、准确，提供的申报资料规范、齐全，且不存在任何弄虚作假行为。';
  const liability = '应当由本单位承担的其它相关法律责任等。';
  switch (call.level) {
    case 'national':
      return {
        pledge: `本单位承诺所提供的国家专业化众创空间${truthful}${breach}`,
        consequences: ['取消推荐资格；', '作为失信单位记入不良科技信用记录，并报送至省公共信用信息平台，列入社会信用记录，接受相应处理；', liability],
      };
    case 'province':
      return {
        pledge: `本单位向${call.authorityName}承诺，所提供的省级${kind}备案${truthful}${breach}`,
        consequences: ['取消备案资格，且2年内不得再次申报；', '作为失信单位记入不良科技信用记录，接受相应处理；', liability],
      };
    case 'city':
      return {
        pledge: `本单位向${call.authorityName}承诺，所提供的市级${kind}备案${truthful}${breach}`,
        consequences: ['取消备案申报资格，已备案的取消其市级众创空间资格；', '作为失信单位记入不良科技信用记录，接受相应处理；', liability],
      };
  }
}

/**
 * 申报单位信用承诺书 (001 附件4) with the applicant and the call filled in, worded for the call's
 * level and authority. The signature, the seal and the date are left blank: the legal
 * representative signs by hand and the operator seals the printed letter.
 */
export function commitmentDocx(d: { operatorName: string; spaceName: string; call: CommitmentCall }): Promise<Buffer> {
  const { pledge, consequences } = commitmentClauses(d.call);
  return packDocx('申报单位信用承诺书', [
    title('申报单位信用承诺书'),
    ...(d.call.level === 'national' ? [] : [paragraph(`${d.call.authorityName}：`)]),
    paragraph(`申报单位（运营主体）：${d.operatorName}`),
    paragraph(`众创空间名称：${d.spaceName}`),
    paragraph(`申报批次：${d.call.title}`),
    paragraph(''),
    paragraph(pledge, { indent: true }),
    ...consequences.map((c, i) => paragraph(`${i + 1}、${c}`, { indent: true })),
    paragraph(''),
    paragraph('运营主体法定代表人（签字）：____________', { align: 'right' }),
    paragraph('运营主体（公章）：____________', { align: 'right' }),
    paragraph('_____年____月____日', { align: 'right' }),
  ]);
}

const yesNo = (v: YesWithName | undefined) => (v === undefined ? '' : v.yes ? `是（${v.name ?? ''}）` : '否');
const unitOf = (f: BasicInfoField) => (BASIC_INFO_FIELDS[f] as { unit?: string }).unit;

/** One 附件2 row per field, the unit in the label as on the paper form, 是/否 with the name. */
function basicInfoRows(b: BasicInfo): [string, string][] {
  const systems = b.managementSystems;
  const value = (f: BasicInfoField): string => {
    const v = b[f];
    if (f === 'operatorNature') return b.operatorNature ? NATURE_NAMES[b.operatorNature] : '';
    if (f === 'managementSystems')
      return systems
        ? [systems.entryStandard && '入驻标准', systems.exitConditions && '退出条件', systems.incubateeDatabase && '在孵项目或企业数据库', systems.other && `其他：${systems.other}`]
            .filter(Boolean)
            .join('、') || '无'
        : '';
    if (typeof v === 'number') return String(v);
    if (typeof v === 'object') return yesNo(v as YesWithName);
    return v ?? '';
  };
  return (Object.keys(BASIC_INFO_FIELDS) as BasicInfoField[]).map((f) => {
    const unit = unitOf(f);
    return [`${BASIC_INFO_FIELDS[f].zh}${unit ? `（${unit}）` : ''}`, value(f)];
  });
}

/** The application as one document: the 基础信息表 as a table, then the 申报书 in the outline of 附件3. */
export function applicationDocx(d: { callTitle: string; spaceName: string; basicInfo: BasicInfo; report: Report }): Promise<Buffer> {
  const section = (key: Exclude<keyof Report, 'successCases'>) => [heading(REPORT_SECTIONS[key].zh, 2), ...richText(d.report[key] ?? '')];
  return packDocx(`${d.spaceName}备案申报材料`, [
    title(d.spaceName),
    paragraph(d.callTitle, { align: 'center' }),
    heading('专业化众创空间基础信息表'),
    formTable(basicInfoRows(d.basicInfo)),
    heading('备案申报书'),
    heading('一、专业化众创空间介绍'),
    ...section('hostOverview'),
    ...section('currentStatus'),
    heading('二、取得成效'),
    ...section('overallResults'),
    heading(REPORT_SECTIONS.successCases.zh, 2),
    ...(d.report.successCases ?? []).flatMap((c, i) => [paragraph(`案例${i + 1}：${c.title}`, { bold: true }), ...richText(c.content)]),
    heading(REPORT_SECTIONS.goalsAndTasks.zh),
    ...richText(d.report.goalsAndTasks ?? ''),
    heading(REPORT_SECTIONS.organisationAndSupport.zh),
    ...richText(d.report.organisationAndSupport ?? ''),
  ]);
}
