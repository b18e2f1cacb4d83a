import { gridTable, packDocx, paragraph, title } from '../documents/index.ts';

/** One recommended application as the letter's table lists it. */
export interface LetterRow {
  spaceName: string;
  operatorName: string;
  regionName: string;
  category: 'regular' | 'professional';
}

export interface LetterFacts {
  /** The recommending unit (issuer). */
  unitName: string;
  /** 文号; blank leaves 〔    〕号 to fill in by hand. */
  letterNumber: string | null;
  callTitle: string;
  callYear: number;
  callLevel: 'city' | 'province' | 'national';
  /** Only professional spaces are eligible (the 专业化 filings). */
  professionalOnly: boolean;
  /** 主送: the organisation(s) working the next stage. */
  addressees: string[];
  rows: LetterRow[];
  withCommitment: boolean;
  /** Already formatted in Asia/Shanghai, e.g. 2026年11月22日. */
  date: string;
}

const CATEGORY = { regular: '众创空间', professional: '专业化众创空间' } as const;
const LEVEL = { city: '市级', province: '省级', national: '国家' } as const;

/** 2026年度国家专业化众创空间备案 */
export const filingSubject = (f: Pick<LetterFacts, 'callYear' | 'callLevel' | 'professionalOnly'>) =>
  `${f.callYear}年度${LEVEL[f.callLevel]}${f.professionalOnly ? '专业化' : ''}众创空间备案`;

const applicationsTable = (rows: readonly LetterRow[]) =>
  gridTable(
    ['序号', '众创空间名称', '运营主体', '所在地区', '类别'],
    rows.map((r, i) => [String(i + 1), r.spaceName, r.operatorName, r.regionName, CATEGORY[r.category]]),
  );

/**
 * 推荐函 in the layout of an official letter (党政机关公文格式): issuer, 文号, title, 主送, body, the
 * recommended applications in ranking order, attachments, then issuer, date and the seal's place
 * right-aligned. Downloaded, signed and sealed, then uploaded as a scan.
 */
export function letterDocx(f: LetterFacts): Promise<Buffer> {
  const subject = filingSubject(f);
  const attachments = ['推荐众创空间申报材料', ...(f.withCommitment ? ['主管部门信用承诺书'] : [])];
  return packDocx(`关于推荐${subject}的函`, [
    title(f.unitName),
    paragraph(f.letterNumber?.trim() || '〔    〕号', { align: 'center' }),
    paragraph(''),
    title(`关于推荐${subject}的函`),
    paragraph(`${f.addressees.join('、')}：`),
    paragraph(
      `根据《${f.callTitle}》有关要求，我单位组织开展了${subject}推荐工作，对申报单位的申报材料进行了认真审核，对材料的真实性、完整性和申报单位的信用情况进行了把关。经审核，现推荐以下${f.rows.length}家众创空间（按推荐顺序排列）：`,
      { indent: true },
    ),
    applicationsTable(f.rows),
    paragraph('我单位对推荐意见负责。特此函告。', { indent: true }),
    paragraph(''),
    paragraph(`附件：${attachments.map((a, i) => `${i + 1}. ${a}`).join('　')}`, { indent: true }),
    paragraph(''),
    paragraph(f.unitName, { align: 'right' }),
    paragraph('（盖章）', { align: 'right' }),
    paragraph(f.date, { align: 'right' }),
  ]);
}

/** 主管部门信用承诺书 (001 附件5, its text as issued) for the recommending unit and the applications it recommends. */
export function authorityCommitmentDocx(f: Pick<LetterFacts, 'unitName' | 'rows' | 'date'>): Promise<Buffer> {
  return packDocx('主管部门信用承诺书', [
    title('主管部门信用承诺书'),
    paragraph(`主管部门（推荐单位）：${f.unitName}`),
    paragraph('申报单位：'),
    applicationsTable(f.rows),
    paragraph(''),
    paragraph('按照相关要求，我们对该单位国家专业化众创空间申报材料进行了认真审查，现承诺如下：', { indent: true }),
    paragraph('1、该申报单位提交的国家级专业化众创空间申报资料完整齐全、真实有效，该申报单位无不良信用记录，且符合申报资格要求；', { indent: true }),
    paragraph('2、本主管部门在审查推荐过程中，无违规推荐、审查不严等失信行为；', { indent: true }),
    paragraph(
      '3、按照相关管理规定，切实履行了主管部门管理职责，如有失实或失信行为，本部门将追究相关人员责任，并按照《江苏省科技计划项目相关责任主体信用管理办法》等相关规定，承担相关责任。',
      { indent: true },
    ),
    paragraph(''),
    paragraph(f.unitName, { align: 'right' }),
    paragraph('（公 章）', { align: 'right' }),
    paragraph(f.date, { align: 'right' }),
  ]);
}
