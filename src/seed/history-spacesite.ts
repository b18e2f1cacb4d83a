/**
 * The demo's public-site fields (issue 16): intro, the space's public contact, current success
 * cases, international cooperation and the English name and intro of the filed 许昌 spaces, saved
 * through the spacesite module's service by each space's operator admin. 神垕钧瓷 keeps no cases of
 * its own: its page shows those of its filing report.
 */
import { inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { AuditContext } from '../modules/audit/index.ts';
import { loadActor, users } from '../modules/identity/index.ts';
import { spaces } from '../modules/spaces/index.ts';
import { saveSite, type SiteInput } from '../modules/spacesite/index.ts';

const SITES: { username: string; space: string; site: SiteInput }[] = [
  {
    username: 'cg_zhineng',
    space: '长葛智能装备众创空间',
    site: {
      intro: '依托许昌装备制造产业集群，面向数控装备、精密加工与工业视觉的创业团队，提供样机开发、检验检测和中试生产服务，与本地龙头企业共建产业导师团。',
      nameEn: 'Changge Intelligent Equipment Maker Space',
      introEn:
        'Built on the Xuchang equipment manufacturing cluster, the space serves start-ups in CNC equipment, precision machining and machine vision with prototyping, testing and pilot production, and a panel of industry mentors from local leading firms.',
      address: '河南省长葛市魏武路 168 号智能装备产业园 3 号楼',
      contactPhone: '0374-6112345',
      contactEmail: 'service@cg-zhineng.example.cn',
      website: 'https://cg-zhineng.example.cn',
      successCases: [
        {
          title: '伺服压装机团队完成天使轮融资',
          content: '入驻团队研发的伺服压装机进入三家汽车零部件企业产线，2025 年获得 800 万元天使轮融资。',
          titleEn: 'Servo press team raises an angel round',
          contentEn: 'The resident team’s servo press runs on three car-part lines; it raised RMB 8 million in an angel round in 2025.',
        },
        {
          title: '视觉检测设备实现进口替代',
          content: '工业视觉团队的轴承缺陷检测设备替代进口产品，单台成本下降 40%，已销售 60 余台。',
          titleEn: 'Vision inspection replaces imports',
          contentEn: 'A bearing-defect inspection system of a machine-vision team replaced imported units at 40% lower cost; over 60 sold.',
        },
        {
          title: '毕业企业获评国家高新技术企业',
          content: '2023 年毕业的精密刀具企业入驻园区后获评国家高新技术企业，年营业收入突破 5000 万元。',
        },
      ],
      international: {
        partners: [
          { name: 'Fraunhofer IWU', country: '德国', since: '2023' },
          { name: '白俄罗斯国立技术大学', country: '白俄罗斯', since: '2024' },
        ],
        overseasTeams: [{ name: 'MinskCNC 智能控制团队', country: '白俄罗斯' }],
        languages: ['中文', 'English', 'Русский'],
        note: '与德国弗劳恩霍夫机床与成形技术研究所开展数控装备联合研发，承接中白工业园技术转移项目。',
        noteEn: 'Joint CNC R&D with Fraunhofer IWU; technology transfer projects with the China–Belarus Industrial Park.',
      },
    },
  },
  {
    username: 'yz_qingnian',
    space: '禹州青年创业园众创空间',
    site: {
      intro: '面向返乡青年和大学生的综合性众创空间，聚焦电子商务与农产品供应链，每季度举办天使投资路演。',
      nameEn: 'Yuzhou Youth Entrepreneurship Park Maker Space',
      introEn: null,
      address: '河南省禹州市颍川路 66 号',
      contactPhone: '0374-8201234',
      contactEmail: null,
      website: null,
      successCases: null,
      international: { partners: [], overseasTeams: [], languages: ['中文'] },
    },
  },
];

const ctxOf = (userId: string, username: string, orgId: string): AuditContext => ({ actorUserId: userId, actorUsername: username, actorOrgId: orgId, ip: null, requestId: null });

export async function seedSpacesiteHistory(db: Db): Promise<void> {
  const accounts = await db.select({ id: users.id, username: users.username }).from(users).where(inArray(users.username, SITES.map((s) => s.username)));
  const spaceRows = await db.select({ id: spaces.id, name: spaces.name }).from(spaces).where(inArray(spaces.name, SITES.map((s) => s.space)));
  for (const s of SITES) {
    const account = accounts.find((a) => a.username === s.username);
    const space = spaceRows.find((r) => r.name === s.space);
    if (!account || !space) continue;
    const actor = (await loadActor(db, account.id, 'demo-seed'))!;
    await saveSite(db, actor, ctxOf(actor.userId, actor.username, actor.org.id), space.id, { ...s.site, revision: 0 });
  }
}
