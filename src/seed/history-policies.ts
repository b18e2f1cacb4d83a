/**
 * The demo's policy library (issue 17): the five seed documents as published policies, each kept by
 * the authority that issued it (the State Council's opinion and the ministry's guide by 科技部),
 * with the metadata the texts give (发文机关, 发文字号, dates; what a text does not state is left
 * empty), the support items the State Council's opinion defines, the ministry's interpretation of
 * it, a notice's attachment, and the validity the texts imply (the 2018 notice's deadline passed;
 * 许昌's guide ran for three years). Entered through the policies module's service functions.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import type { AuditContext } from '../modules/audit/index.ts';
import { uploadFile } from '../modules/files/index.ts';
import { loadActor, users } from '../modules/identity/index.ts';
import { changeValidity, createPolicy, paragraphs, publishPolicy, subscribe, type PolicyInput } from '../modules/policies/index.ts';
import type { Actor } from '../shared/actor.ts';
import { demoPdf } from './pdf.ts';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'policies');
const ctxOf = (actor: Actor): AuditContext => ({ actorUserId: actor.userId, actorUsername: actor.username, actorOrgId: actor.org.id, ip: null, requestId: null });

/** A seed text as the body: the web page's byline and the word processor's bookmark left out. */
function bodyOf(file: string, dropTitleLines = 0): string {
  const lines = fs
    .readFileSync(path.join(dir, file), 'utf8')
    .replace(/\[bookmark: [^\]]*\]/g, '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('•'));
  return paragraphs(lines.slice(dropTitleLines).join('\n'));
}

type Seed = { username: string; input: Omit<PolicyInput, 'attachmentFileIds'>; attachment?: string; expire?: { on: string | null } };

const SEEDS: Seed[] = [
  {
    username: 'most_admin',
    input: {
      kind: 'policy',
      title: '国务院办公厅关于加快众创空间发展服务实体经济转型升级的指导意见',
      themes: ['maker_space', 'innovation', 'tax', 'finance', 'talent'],
      issuer: '国务院办公厅',
      writtenOn: '2016-02-14',
      docNo: '国办发〔2016〕7号',
      issuedOn: '2016-02-18',
      keywords: ['众创空间', '专业化', '实体经济', '转型升级'],
      regionCode: '000000',
      targets: ['maker_space', 'professional_space', 'incubator', 'incubatee', 'host'],
      body: bodyOf('gbf-2016-7.txt', 2),
      supportItems: [
        { category: 'construction', title: '对众创空间的办公用房、用水、用能、网络等软硬件设施给予补助（无偿资助、业务奖励）', capWan: null, period: null, clause: '三（八）' },
        { category: 'tax', title: '研发仪器设备加速折旧；进口科研仪器设备进口税收优惠', capWan: null, period: null, clause: '三（九）' },
        { category: 'tax', title: '研发费用税前加计扣除（众创空间及委托其研发的企业、高校院所）', capWan: null, period: null, clause: '三（九）' },
        { category: 'talent', title: '科研人员带项目和成果到众创空间创新创业，经原单位同意保留人事关系', capWan: null, period: '3年内', clause: '三（十一）' },
      ],
    },
  },
  {
    username: 'most_admin',
    input: {
      kind: 'policy',
      title: '专业化众创空间建设工作指引',
      themes: ['maker_space', 'incubation'],
      issuer: '科学技术部',
      docNo: '国科发高〔2016〕231号',
      keywords: ['专业化众创空间', '建设条件', '备案'],
      regionCode: '000000',
      targets: ['professional_space', 'host'],
      body: bodyOf('most-2016-231.txt', 1),
      supportItems: [],
    },
  },
  {
    username: 'js_admin',
    input: {
      kind: 'policy',
      title: '省科技厅关于组织开展2018年国家专业化众创空间备案推荐工作的通知',
      themes: ['maker_space'],
      issuer: '江苏省科学技术厅',
      writtenOn: '2018-06-15',
      docNo: '苏科高发〔2018〕169号',
      issuedOn: '2018-06-15',
      keywords: ['国家专业化众创空间', '备案推荐', '信用承诺'],
      regionCode: '320000',
      targets: ['professional_space', 'authority'],
      body: bodyOf('jiangsu-2018-169.txt', 3),
      supportItems: [],
    },
    attachment: '附件1-5 申报材料模板.pdf',
    // A notice of one round: its deadline (2018年7月15日) has passed.
    expire: { on: '2018-07-15' },
  },
  {
    username: 'ln_admin',
    input: {
      kind: 'policy',
      title: '辽宁省专业化众创空间建设工作指引（试行）',
      themes: ['maker_space', 'incubation'],
      issuer: '辽宁省科学技术厅',
      writtenOn: '2019-04-25',
      issuedOn: '2019-04-25',
      keywords: ['专业化众创空间', '工作指引', '动态管理'],
      regionCode: '210000',
      targets: ['professional_space', 'host'],
      body: bodyOf('liaoning-2019.txt', 1),
      supportItems: [],
    },
  },
  {
    username: 'xc_admin',
    input: {
      kind: 'policy',
      title: '许昌市发展众创空间工作指引（试行）',
      themes: ['maker_space', 'management'],
      issuer: '许昌市科学技术局',
      docNo: '许科字〔2016〕80号',
      keywords: ['众创空间', '市级备案', '年度考核'],
      regionCode: '411000',
      targets: ['maker_space', 'incubatee'],
      body: bodyOf('xuchang-2016-80.txt', 3),
      supportItems: [],
    },
    // 第十二条: 自发布之日起施行，有效期三年 (the text gives no day).
    expire: { on: null },
  },
];

const INTERPRETATION = {
  title: '《国务院办公厅关于加快众创空间发展服务实体经济转型升级的指导意见》解读',
  body: paragraphs(
    [
      '一、出台背景。众创空间已经成为大众创业万众创新的重要阵地。为推动众创空间向纵深发展，在制造业、现代服务业等重点产业领域强化企业、科研机构和高校的协同创新，国务院办公厅印发了《指导意见》（国办发〔2016〕7号）。',
      '二、核心要求。《指导意见》提出促进众创空间专业化发展，鼓励龙头骨干企业围绕主营业务方向、科研院所和高校围绕优势专业领域建设众创空间，建设一批国家级创新平台和双创基地。',
      '三、支持政策。一是实行奖励和补助政策，对众创空间的办公用房、用水、用能、网络等软硬件设施给予补助；二是落实研发仪器设备加速折旧、研发费用加计扣除等税收政策；三是引导天使投资、创业投资与众创空间相结合；四是科研人员经原单位同意，可在3年内保留人事关系到众创空间创新创业。',
      '四、组织实施。各地要加强对众创空间发展情况的监测、统计和评估，建立统一的政策信息发布平台，扶持情况上网公示，避免多头重复支持。',
    ].join('\n'),
  ),
};

/**
 * Subscriptions made before the library was published, so their holders were told of the matching
 * policies in-app as they came out: 长葛's operator follows 众创空间 policies of its region (which
 * takes in the national ones above it), 新锐's operator the 专业化 ones of 辽宁, the maker the talent
 * policies. The demo accounts have no e-mail address, so none of them asks for mail.
 */
const SUBSCRIPTIONS: { username: string; input: Parameters<typeof subscribe>[3] }[] = [
  { username: 'op_cg_admin', input: { keywords: ['众创空间'], themes: [], regionCode: '411000' } },
  { username: 'op_robot_admin', input: { keywords: ['专业化'], themes: ['maker_space'], regionCode: '210000' } },
  { username: 'maker_chen', input: { keywords: [], themes: ['talent'] } },
];

export async function seedPolicyLibrary(db: Db, config: Config) {
  const accounts = await db.select({ id: users.id, username: users.username }).from(users);
  const actorOf = async (username: string) => (await loadActor(db, accounts.find((a) => a.username === username)!.id, 'demo-seed'))!;
  for (const { username, input } of SUBSCRIPTIONS) {
    const actor = await actorOf(username);
    await subscribe(db, actor, ctxOf(actor), input);
  }
  let opinionId: string | undefined;
  for (const seed of SEEDS) {
    const actor = await actorOf(seed.username);
    const ctx = ctxOf(actor);
    const attachmentFileIds = seed.attachment ? [(await uploadFile(db, config, ctx, actor, { filename: seed.attachment, stream: Readable.from(demoPdf(`policy / ${seed.input.docNo}`)) })).id] : [];
    const draft = await createPolicy(db, actor, ctx, { ...seed.input, attachmentFileIds });
    const published = await publishPolicy(db, config, actor, ctx, draft.id, draft.revision);
    if (seed.expire) await changeValidity(db, actor, ctx, published.id, { validity: 'expired', on: seed.expire.on, revision: published.revision });
    opinionId ??= published.id;
  }
  const most = await actorOf('most_admin');
  const interpretation = await createPolicy(db, most, ctxOf(most), {
    kind: 'interpretation',
    interpretsId: opinionId,
    title: INTERPRETATION.title,
    themes: ['maker_space'],
    issuer: '科学技术部',
    keywords: ['众创空间', '政策解读'],
    regionCode: '000000',
    targets: ['maker_space', 'professional_space'],
    body: INTERPRETATION.body,
    attachmentFileIds: [],
    supportItems: [],
  });
  await publishPolicy(db, config, most, ctxOf(most), interpretation.id, interpretation.revision);
}
