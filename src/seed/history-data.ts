/**
 * The people and places of the demo's history (issue 11): operators of their own, each running one
 * space in the regions of the three demo chains (河南 许昌 长葛/禹州, 辽宁 沈阳/大连, 江苏 南京/苏州),
 * with the hosts professional spaces are built on and the figures of their dossiers. Kept apart
 * from src/seed/demo.ts's operators, whose spaces the browser tests drive from a clean start.
 */
import type { HostCredentials, ProfileInput } from '../modules/orgs/index.ts';
import type { SpaceInput } from '../modules/spaces/index.ts';
import type { HostType } from '../shared/domain.ts';
import { usccCheckChar } from '../shared/validation/uscc.ts';

const uscc = (first17: string) => `${first17}${usccCheckChar(first17)}`;

/** The numbers of the 基础信息表 the registry does not know (people, areas, money, activity). */
export interface Figures {
  teamTotal: number;
  teamCollegePlus: number;
  mentors: number;
  floorAreaM2: number;
  publicServiceAreaM2: number;
  angelFundWan: number;
  residentProjects: number;
  residentEnterprises: number;
  eventsHeld: number;
}

export interface HistorySpace {
  /** How the history driver names the space (src/seed/history.ts). */
  key: string;
  /** The operator admin's account (the one that applies). */
  username: string;
  displayName: string;
  operator: { name: string; uscc: string; regionCode: string; profile: ProfileInput };
  host?: { name: string; uscc: string; hostType: HostType; regionCode: string; credentials: HostCredentials };
  space: Omit<SpaceInput, 'hostIds'>;
  figures: Figures;
  /** One sentence on what the space does, used across the 申报书. */
  focus: string;
  /** Titles of the three success cases. */
  cases: [string, string, string];
}

const systems = { entryStandard: true, exitConditions: true, incubateeDatabase: true };

const fig = (teamTotal: number, teamCollegePlus: number, mentors: number, floorAreaM2: number, publicServiceAreaM2: number, angelFundWan: number, residentProjects: number, residentEnterprises: number, eventsHeld: number): Figures => ({
  teamTotal,
  teamCollegePlus,
  mentors,
  floorAreaM2,
  publicServiceAreaM2,
  angelFundWan,
  residentProjects,
  residentEnterprises,
  eventsHeld,
});

const person = (legalRepresentative: string, principalName: string, principalMobile: string, contactName: string, contactMobile: string, phone: string, email: string, address: string, nature: ProfileInput['nature'] = 'enterprise_private'): ProfileInput => ({
  nature,
  legalRepresentative,
  principalName,
  principalMobile,
  contactName,
  contactMobile,
  phone,
  email,
  address,
});

/** 许昌: regular spaces in 长葛 and 禹州 (the county reviews first), this year's call. */
export const XUCHANG_SPACES: HistorySpace[] = [
  {
    key: 'xc_waiting', username: 'cs_kechuang', displayName: '长社科创空间管理员',
    operator: { name: '长葛市长社科创企业管理有限公司', uscc: uscc('91411082MA45HC0K1'), regionCode: '411082', profile: person('郭振华', '郭振华', '13837412201', '宋佳', '15937412202', '0374-6101122', 'kechuang@cskc.example.cn', '河南省长葛市长社路 88 号') },
    space: { name: '长社科创众创空间', category: 'regular', regularType: 'comprehensive', industry: 'advanced_equipment', subField: '电力装备与智能制造', foundedOn: '2018-06-12', regionCode: '411082', onlinePlatform: { name: '长社科创服务平台', url: 'https://www.cskc.example.cn' }, managementSystems: systems },
    figures: fig(9, 8, 6, 1800, 620, 300, 21, 15, 18), focus: '围绕长葛电力装备产业链，为返乡创业者和技术人员提供场地、导师和融资对接服务',
    cases: ['许昌恒电智能开关有限公司：从入驻团队到规上企业', '长葛智配电缆附件项目：获天使投资 200 万元', '返乡大学生创业团队：电力巡检无人机服务'],
  },
  {
    key: 'xc_returned', username: 'yz_juncy', displayName: '钧都创客空间管理员',
    operator: { name: '禹州市钧都创客空间运营有限公司', uscc: uscc('91411081MA46JD2R3'), regionCode: '411081', profile: person('孔德胜', '孔令娟', '13903745501', '王晓东', '18637415502', '0374-8233456', 'jdck@yzjd.example.cn', '河南省禹州市颍川路 206 号') },
    space: { name: '钧都创客众创空间', category: 'regular', regularType: 'tech_support', industry: 'cultural_creative', subField: '钧瓷文创与工业设计', foundedOn: '2017-09-01', regionCode: '411081', onlinePlatform: { name: '钧都创客线上平台', url: 'https://www.yzjd.example.cn' }, managementSystems: systems },
    figures: fig(8, 7, 5, 1500, 520, 150, 18, 12, 16), focus: '依托钧瓷产业基础，为文创设计团队提供打样窑炉、设计软件和电商直播服务',
    cases: ['钧瓷茶器设计工作室：年销售额突破 500 万元', '神垕窑变釉料研发团队：取得两项发明专利', '钧瓷直播电商团队：带动 30 余家窑口上线'],
  },
  {
    key: 'xc_recommend', username: 'cg_zaisheng', displayName: '再生金属创新空间管理员',
    operator: { name: '长葛市再生金属产业服务有限公司', uscc: uscc('91411082MA47YT3T5'), regionCode: '411082', profile: person('赵国庆', '赵明轩', '13503746601', '李雪', '13623746602', '0374-6218899', 'zsjs@cgzs.example.cn', '河南省长葛市大周镇产业集聚区') },
    space: { name: '长葛再生金属创新众创空间', category: 'regular', regularType: 'tech_support', industry: 'energy_saving', subField: '再生金属与循环经济', foundedOn: '2016-11-20', regionCode: '411082', onlinePlatform: { name: '再生金属创新服务平台', url: 'https://www.cgzs.example.cn' }, managementSystems: systems },
    figures: fig(11, 9, 8, 2600, 900, 500, 26, 19, 22), focus: '面向大周再生金属产业集群，提供检测分析、工艺中试和绿色认证服务',
    cases: ['废铝保级再生工艺团队：吨铝能耗下降 18%', '不锈钢精密铸件项目：进入头部车企供应链', '再生铜杆在线检测团队：获省级科技型中小企业认定'],
  },
  {
    key: 'xc_city', username: 'yz_yaogu', displayName: '禹州药谷空间管理员',
    operator: { name: '禹州市中医药创新创业服务中心', uscc: uscc('12411081MB17YG4H2'), regionCode: '411081', profile: person('孙建业', '孙晓梅', '13783747701', '刘畅', '15836747702', '0374-8890123', 'yaogu@yzzy.example.cn', '河南省禹州市药城路 99 号', 'public_institution') },
    space: { name: '禹州药谷众创空间', category: 'regular', regularType: 'comprehensive', industry: 'medicine_health', subField: '中药材精深加工', foundedOn: '2016-04-08', regionCode: '411081', onlinePlatform: { name: '禹州药谷云服务平台', url: 'https://www.yzzy.example.cn' }, managementSystems: systems },
    figures: fig(12, 11, 9, 2200, 760, 400, 24, 17, 20), focus: '依托“中华药都”禹州的中药材集散优势，为中药饮片、大健康产品创业团队提供检测、注册和渠道服务',
    cases: ['禹白芷深加工项目：建成 GMP 饮片车间', '中药配方颗粒研发团队：完成三项标准备案', '药食同源饮品项目：进入全国连锁商超'],
  },
  {
    key: 'xc_decided', username: 'cg_fengchan', displayName: '长葛电商创业空间管理员',
    operator: { name: '长葛市蜂产品电商孵化有限公司', uscc: uscc('91411082MA48FC5P7'), regionCode: '411082', profile: person('韩立军', '韩冰', '13673748801', '周雨', '17837418802', '0374-6233567', 'dianshang@cgfc.example.cn', '河南省长葛市佛耳湖镇电商产业园') },
    space: { name: '长葛电商创业众创空间', category: 'regular', regularType: 'investment_driven', industry: 'modern_agriculture', subField: '蜂产品与农产品电商', foundedOn: '2019-03-15', regionCode: '411082', onlinePlatform: { name: '长葛电商创业服务平台', url: 'https://www.cgfc.example.cn' }, managementSystems: systems },
    figures: fig(10, 8, 7, 1600, 560, 800, 28, 20, 30), focus: '以全国蜂产品集散地为依托，为农村电商和品牌创业团队提供直播基地、供应链和投资服务',
    cases: ['佛耳湖蜂蜜品牌团队：线上年销售额 3000 万元', '农产品冷链直配项目：覆盖省内 12 个地市', '返乡青年直播团队：带动 200 余户蜂农增收'],
  },
  {
    key: 'xc_filed', username: 'yz_shenhou', displayName: '神垕钧瓷文创空间管理员',
    operator: { name: '禹州市神垕钧瓷文化创意有限公司', uscc: uscc('91411081MA49TH6N4'), regionCode: '411081', profile: person('卢国强', '卢婷', '13937419901', '许嘉', '15137419902', '0374-8966778', 'jcwc@shjc.example.cn', '河南省禹州市神垕镇老街 16 号') },
    space: { name: '神垕钧瓷文创众创空间', category: 'regular', regularType: 'comprehensive', industry: 'cultural_creative', subField: '钧瓷文化创意', foundedOn: '2015-10-18', regionCode: '411081', onlinePlatform: { name: '神垕钧瓷文创平台', url: 'https://www.shjc.example.cn' }, managementSystems: systems },
    figures: fig(10, 9, 8, 2400, 820, 350, 25, 18, 24), focus: '在千年古镇神垕，为钧瓷青年匠人提供共享窑炉、设计孵化和文旅市场对接服务',
    cases: ['青年匠人联合窑口：作品入选国家级工艺美术展', '钧瓷文旅研学项目：年接待研学学生 2 万人次', '数字钧瓷藏品团队：完成天使轮融资'],
  },
];

/** 许昌 last year: three spaces that went all the way to the city's 备案名单; the last is later found to have cheated. */
export const LAST_YEAR_SPACES: HistorySpace[] = [
  {
    key: 'ly_zhineng', username: 'cg_zhineng', displayName: '长葛智能装备空间管理员',
    operator: { name: '长葛市智能装备创业服务有限公司', uscc: uscc('91411082MA44YN7A8'), regionCode: '411082', profile: person('冯建军', '冯雪', '13849741101', '陈浩', '18749741102', '0374-6255001', 'znzb@cgzn.example.cn', '河南省长葛市新区科技大道 18 号') },
    space: { name: '长葛智能装备众创空间', category: 'regular', regularType: 'tech_support', industry: 'advanced_equipment', subField: '智能制造装备', foundedOn: '2016-08-08', regionCode: '411082', onlinePlatform: { name: '长葛智能装备服务平台', url: 'https://www.cgzn.example.cn' }, managementSystems: systems },
    figures: fig(11, 10, 8, 2800, 950, 600, 27, 21, 23), focus: '为智能装备创业团队提供精密加工中试线、检测实验室和产业链配套对接',
    cases: ['数控折弯机控制系统团队：国产替代进口', '工业视觉检测项目：服务省内 40 余家工厂', '智能仓储机器人团队：获省科技进步奖'],
  },
  {
    key: 'ly_qingnian', username: 'yz_qingnian', displayName: '禹州青年创业园空间管理员',
    operator: { name: '禹州市青年创业园管理有限公司', uscc: uscc('91411081MA43QN8B2'), regionCode: '411081', profile: person('马文涛', '马悦', '13598741201', '杨帆', '13721741202', '0374-8811223', 'qncy@yzqn.example.cn', '河南省禹州市夏都大道 1 号') },
    space: { name: '禹州青年创业园众创空间', category: 'regular', regularType: 'comprehensive', industry: 'modern_services', subField: '青年创业综合服务', foundedOn: '2015-05-04', regionCode: '411081', onlinePlatform: { name: '禹州青年创业服务平台', url: 'https://www.yzqn.example.cn' }, managementSystems: systems },
    figures: fig(9, 8, 7, 2000, 700, 300, 23, 16, 26), focus: '为高校毕业生和返乡青年提供低成本办公、创业培训和小额担保贷款服务',
    cases: ['青年设计工作室：服务本地 100 余家企业品牌升级', '社区养老服务项目：运营 6 个社区站点', '跨境电商团队：年出口额 800 万元'],
  },
  {
    key: 'ly_huizhi', username: 'cg_huizhi', displayName: '长葛汇智空间管理员',
    operator: { name: '长葛市汇智创业服务有限公司', uscc: uscc('91411082MA42HY9C6'), regionCode: '411082', profile: person('黄德明', '黄丽', '13603741301', '吴磊', '15093741302', '0374-6200456', 'huizhi@cghz.example.cn', '河南省长葛市建设路 130 号') },
    space: { name: '长葛汇智众创空间', category: 'regular', regularType: 'investment_driven', industry: 'new_materials', subField: '超硬材料', foundedOn: '2017-02-20', regionCode: '411082', onlinePlatform: { name: '长葛汇智创业平台', url: 'https://www.cghz.example.cn' }, managementSystems: systems },
    figures: fig(10, 9, 7, 2100, 720, 500, 22, 17, 19), focus: '面向超硬材料产业，为创业团队提供投融资对接和产业链资源服务',
    cases: ['金刚石线锯项目：获得天使投资', '超硬刀具涂层团队：进入汽车零部件供应链', '人造金刚石微粉项目：年产值 2000 万元'],
  },
];

/** 辽宁: professional spaces in 沈阳 (and one in 大连), this year's provincial call. */
export const LIAONING_SPACES: HistorySpace[] = [
  {
    key: 'ln_waiting', username: 'sy_xinlian', displayName: '芯联空间管理员',
    operator: { name: '沈阳芯联创新孵化器有限公司', uscc: uscc('91210112MA11XL1D3'), regionCode: '210112', profile: person('高伟', '高晨', '13940021101', '邹敏', '18640021102', '024-83601122', 'space@xinlian.example.cn', '辽宁省沈阳市浑南区智慧四街 1-3 号') },
    host: { name: '沈阳芯联半导体装备股份有限公司', uscc: uscc('91210100MA0XL2E41'), hostType: 'high_tech_enterprise', regionCode: '210112', credentials: { enterpriseTechCentreLevel: 'province', engineeringCentreLevel: 'province', goodRecord3Years: true, hasServiceManagementSystems: true } },
    space: { name: '沈阳集成电路装备专业化众创空间', category: 'professional', industry: 'electronic_information', subField: '集成电路装备与零部件', foundedOn: '2018-04-26', regionCode: '210112', onlinePlatform: { name: '芯联创新服务平台', url: 'https://www.xinlian.example.cn' }, techPlatform: { name: '半导体零部件检测中心', url: 'https://lab.xinlian.example.cn' }, managementSystems: systems },
    figures: fig(16, 15, 22, 5200, 1800, 3000, 32, 26, 36), focus: '依托集成电路装备龙头企业，为零部件、材料和软件创业团队开放洁净间、检测设备和供应链',
    cases: ['真空阀门国产化团队：进入龙头企业采购目录', '晶圆传输机械手项目：获 A 轮融资 5000 万元', '设备控制软件团队：获评国家级专精特新“小巨人”'],
  },
  {
    key: 'ln_dalian', username: 'dl_haichuang', displayName: '海创智谷空间管理员',
    operator: { name: '大连海创智谷科技服务有限公司', uscc: uscc('91210211MA12HC2F5'), regionCode: '210211', profile: person('于海涛', '于洋', '13804111201', '孙婧', '15640911202', '0411-84761234', 'hczg@dlhc.example.cn', '辽宁省大连市甘井子区黄浦路 977 号') },
    host: { name: '大连海洋工程技术研究院有限公司', uscc: uscc('91210200MA0HY3G22'), hostType: 'new_rnd_institution', regionCode: '210211', credentials: { keyLabLevel: 'province', engineeringCentreLevel: 'province', goodRecord3Years: true, hasServiceManagementSystems: true } },
    space: { name: '大连海洋装备专业化众创空间', category: 'professional', industry: 'advanced_equipment', subField: '海洋工程装备', foundedOn: '2017-07-01', regionCode: '210211', onlinePlatform: { name: '海创智谷服务平台', url: 'https://www.dlhc.example.cn' }, techPlatform: { name: '海洋装备试验水池', url: 'https://lab.dlhc.example.cn' }, managementSystems: systems },
    figures: fig(14, 13, 18, 4600, 1500, 2000, 28, 22, 30), focus: '为海洋工程装备创业团队开放试验水池、结构检测和船级社认证辅导',
    cases: ['水下机器人团队：承接港口检测订单', '船用智能监测系统项目：获船级社型式认可', '海上风电运维装备团队：完成 Pre-A 轮融资'],
  },
  {
    key: 'ln_returned', username: 'sy_kangtai', displayName: '康泰医疗器械空间管理员',
    operator: { name: '沈阳康泰医疗器械众创服务有限公司', uscc: uscc('91210112MA13KT3G7'), regionCode: '210112', profile: person('刘志刚', '刘佳', '13889121301', '何静', '18102401302', '024-83785566', 'space@kangtai.example.cn', '辽宁省沈阳市浑南区创新路 199 号') },
    host: { name: '沈阳康泰医疗器械集团有限公司', uscc: uscc('91210100MA0KT4H63'), hostType: 'leading_enterprise', regionCode: '210112', credentials: { enterpriseTechCentreLevel: 'national', goodRecord3Years: true, hasServiceManagementSystems: true } },
    space: { name: '沈阳高端医疗器械专业化众创空间', category: 'professional', industry: 'medicine_health', subField: '医学影像与体外诊断', foundedOn: '2017-03-18', regionCode: '210112', onlinePlatform: { name: '康泰医械创新平台', url: 'https://www.kangtai.example.cn' }, techPlatform: { name: '医疗器械注册检验服务中心', url: 'https://lab.kangtai.example.cn' }, managementSystems: systems },
    figures: fig(15, 14, 20, 4800, 1600, 2500, 30, 24, 28), focus: '依托医疗器械龙头企业的注册检验和临床资源，为医学影像、体外诊断创业团队提供全流程服务',
    cases: ['便携超声团队：取得二类医疗器械注册证', '化学发光试剂项目：进入省内 60 家医院', 'AI 影像辅助诊断团队：完成 B 轮融资'],
  },
  {
    key: 'ln_objected', username: 'sy_tiexi', displayName: '铁西工业设计空间管理员',
    operator: { name: '沈阳铁西工业设计创新服务有限公司', uscc: uscc('91210106MA14TX4H9'), regionCode: '210106', profile: person('王铁军', '王琳', '13998141401', '张驰', '13504041402', '024-25812345', 'design@txid.example.cn', '辽宁省沈阳市铁西区北一西路 52 号') },
    host: { name: '沈阳重型机械设计研究院有限公司', uscc: uscc('91210100MA0YJ5J84'), hostType: 'research_institute', regionCode: '210106', credentials: { engineeringCentreLevel: 'national', keyLabLevel: 'province', goodRecord3Years: true, hasServiceManagementSystems: true } },
    space: { name: '沈阳铁西工业设计专业化众创空间', category: 'professional', industry: 'advanced_equipment', subField: '工业设计与重型装备', foundedOn: '2016-10-10', regionCode: '210106', onlinePlatform: { name: '铁西工业设计云平台', url: 'https://www.txid.example.cn' }, techPlatform: { name: '重型装备仿真与样机试制中心', url: 'https://lab.txid.example.cn' }, managementSystems: systems },
    figures: fig(13, 12, 16, 3900, 1300, 1500, 26, 20, 26), focus: '在老工业基地铁西，为工业设计和装备改造创业团队提供仿真软件、样机试制和企业订单',
    cases: ['矿山装备外观与人机设计团队：获红点设计奖', '老旧产线数字化改造项目：服务 30 余家国企', '3D 打印快速样机团队：年营收 1200 万元'],
  },
  {
    key: 'ln_notice', username: 'sy_hangyu', displayName: '航宇新材料空间管理员',
    operator: { name: '沈阳航宇新材料科技服务有限公司', uscc: uscc('91210113MA15HY5J2'), regionCode: '210113', profile: person('陈国栋', '陈思', '13704051501', '赵月', '18841051502', '024-89761234', 'space@hangyu.example.cn', '辽宁省沈阳市沈北新区蒲昌路 61 号') },
    host: { name: '沈阳航宇材料研究所', uscc: uscc('12210100MB0HY6K29'), hostType: 'research_institute', regionCode: '210113', credentials: { keyLabLevel: 'national', engineeringCentreLevel: 'province', goodRecord3Years: true, hasServiceManagementSystems: true } },
    space: { name: '沈阳航空新材料专业化众创空间', category: 'professional', industry: 'new_materials', subField: '航空复合材料', foundedOn: '2018-01-15', regionCode: '210113', onlinePlatform: { name: '航宇新材料创新平台', url: 'https://www.hangyu.example.cn' }, techPlatform: { name: '复合材料性能测试中心', url: 'https://lab.hangyu.example.cn' }, managementSystems: systems },
    figures: fig(14, 14, 19, 4200, 1400, 2200, 27, 21, 25), focus: '依托航空材料研究所的国家重点实验室，为复合材料、涂层和检测创业团队开放设备和工艺',
    cases: ['碳纤维无人机结构件团队：进入通航企业供应链', '耐高温涂层项目：完成千万级融资', '无损检测服务团队：获 CNAS 认可'],
  },
  {
    key: 'ln_recommend', username: 'sy_shengjing', displayName: '盛京数字创意空间管理员',
    operator: { name: '沈阳盛京数字文化创意孵化有限公司', uscc: uscc('91210103MA16TJ6K4'), regionCode: '210103', profile: person('李明远', '李可欣', '13609881601', '周航', '15802461602', '024-22851166', 'space@shengjing.example.cn', '辽宁省沈阳市沈河区青年大街 167 号') },
    host: { name: '盛京数字传媒集团有限公司', uscc: uscc('91210100MA0TJ7L48'), hostType: 'leading_enterprise', regionCode: '210103', credentials: { enterpriseTechCentreLevel: 'province', goodRecord3Years: true, hasServiceManagementSystems: true } },
    space: { name: '沈阳数字创意专业化众创空间', category: 'professional', industry: 'cultural_creative', subField: '数字内容与动漫游戏', foundedOn: '2016-12-01', regionCode: '210103', onlinePlatform: { name: '盛京数字创意服务平台', url: 'https://www.shengjing.example.cn' }, techPlatform: { name: '动作捕捉与渲染公共服务平台', url: 'https://lab.shengjing.example.cn' }, managementSystems: systems },
    figures: fig(13, 13, 17, 3600, 1200, 1800, 29, 23, 34), focus: '为数字内容、动漫游戏创业团队提供动作捕捉、渲染算力和版权交易服务',
    cases: ['沈阳故宫数字文创团队：上线系列数字藏品', '独立游戏工作室：海外发行收入 600 万元', '虚拟主播技术团队：服务 50 余家直播机构'],
  },
  {
    key: 'ln_expert', username: 'sy_gongda', displayName: '辽沈工大空间管理员',
    operator: { name: '沈阳辽沈工大科技园发展有限公司', uscc: uscc('91210102MA17GD7L6'), regionCode: '210102', profile: person('宋立新', '宋佳琪', '13700091701', '郑凯', '18624011702', '024-23891234', 'space@lsgd.example.cn', '辽宁省沈阳市和平区文化路 3 号巷 11 号', 'enterprise_state') },
    host: { name: '辽沈工业大学', uscc: uscc('12210000MB0GD8M35'), hostType: 'university', regionCode: '210102', credentials: { keyLabLevel: 'national', engineeringCentreLevel: 'national', goodRecord3Years: true, hasServiceManagementSystems: true } },
    space: { name: '辽沈工大智能制造专业化众创空间', category: 'professional', industry: 'advanced_equipment', subField: '数控系统与工业软件', foundedOn: '2015-11-11', regionCode: '210102', onlinePlatform: { name: '辽沈工大创新创业平台', url: 'https://cxcy.lsgd.example.cn' }, techPlatform: { name: '数控系统测试与验证中心', url: 'https://lab.lsgd.example.cn' }, managementSystems: systems },
    figures: fig(18, 17, 26, 6000, 2100, 3500, 35, 28, 40), focus: '依托高校国家重点实验室，孵化数控系统、工业软件和智能产线方向的师生创业团队',
    cases: ['五轴数控系统团队：打破国外垄断', '工业互联网平台项目：连接设备 3 万台', '师生创业团队：获中国创新创业大赛一等奖'],
  },
  {
    key: 'ln_filed', username: 'sy_huakang', displayName: '华康生物医药空间管理员',
    operator: { name: '沈阳浑南生物医药孵化有限公司', uscc: uscc('91210112MA18HK8M8'), regionCode: '210112', profile: person('张海峰', '张雨桐', '13842001801', '马骁', '18940001802', '024-83609988', 'space@hnbio.example.cn', '辽宁省沈阳市浑南区新加坡城路 22 号') },
    host: { name: '沈阳华康生物制药股份有限公司', uscc: uscc('91210100MA0HK9N24'), hostType: 'high_tech_enterprise', regionCode: '210112', credentials: { enterpriseTechCentreLevel: 'national', keyLabLevel: 'province', goodRecord3Years: true, hasServiceManagementSystems: true } },
    space: { name: '沈阳浑南生物医药专业化众创空间', category: 'professional', industry: 'biotechnology', subField: '生物药与细胞治疗', foundedOn: '2016-06-06', regionCode: '210112', onlinePlatform: { name: '浑南生物医药创新平台', url: 'https://www.hnbio.example.cn' }, techPlatform: { name: '生物药中试与质量检测平台', url: 'https://lab.hnbio.example.cn' }, managementSystems: systems },
    figures: fig(17, 16, 24, 5600, 1900, 4000, 31, 25, 33), focus: '依托生物制药企业的中试车间和质量体系，为生物药、细胞治疗创业团队缩短从实验室到临床的路径',
    cases: ['双抗药物团队：获临床试验批件', 'CAR-T 细胞治疗项目：完成 B 轮融资 2 亿元', '生物试剂国产化团队：进入高校采购目录'],
  },
  {
    // Filed with 华康 and kept for the browser test of a statistics return (e2e/returns.spec.ts): nothing else touches it.
    key: 'ln_returns', username: 'ln_returns', displayName: '数联众创空间管理员',
    operator: { name: '沈阳数联科技孵化有限公司', uscc: uscc('91210102MA18TL6R3'), regionCode: '210102', profile: person('郑立群', '郑晓岚', '13842002101', '韩冰', '18940002102', '024-23456789', 'space@shulian.example.cn', '辽宁省沈阳市和平区三好街 55 号') },
    host: { name: '沈阳数联信息技术股份有限公司', uscc: uscc('91210100MA0TL7N46'), hostType: 'high_tech_enterprise', regionCode: '210102', credentials: { enterpriseTechCentreLevel: 'province', engineeringCentreLevel: 'province', goodRecord3Years: true, hasServiceManagementSystems: true } },
    space: { name: '沈阳数联工业互联网专业化众创空间', category: 'professional', industry: 'electronic_information', subField: '工业互联网与数据服务', foundedOn: '2017-09-12', regionCode: '210102', onlinePlatform: { name: '数联创新服务平台', url: 'https://www.shulian.example.cn' }, techPlatform: { name: '工业数据开放实验室', url: 'https://lab.shulian.example.cn' }, managementSystems: systems },
    figures: fig(16, 15, 22, 5200, 1800, 3500, 29, 22, 30), focus: '依托工业软件企业的数据平台，为工业互联网、数据服务创业团队提供场景和算力',
    cases: ['设备预测性维护团队：服务 40 家装备企业', '工业数据标注项目：完成 A 轮融资', '边缘计算网关团队：获评省级专精特新'],
  },
];

/** 江苏 → national: professional spaces in 南京 and 苏州 (one in 苏州高新区), this year's national recommendation. */
export const JIANGSU_SPACES: HistorySpace[] = [
  {
    key: 'js_waiting', username: 'nj_zijin', displayName: '紫金信息空间管理员',
    operator: { name: '紫金信创科技服务（南京）有限公司', uscc: uscc('91320115MA21YJ1N2'), regionCode: '320115', profile: person('钱志远', '钱多多', '13913001901', '蒋雯', '18951001902', '025-52101234', 'space@zjxc.example.cn', '江苏省南京市江宁区秣周东路 12 号') },
    host: { name: '紫金信创软件股份有限公司', uscc: uscc('91320100MA1YJ2P43'), hostType: 'high_tech_enterprise', regionCode: '320115', credentials: { enterpriseTechCentreLevel: 'province', engineeringCentreLevel: 'province', goodRecord3Years: true, hasServiceManagementSystems: true } },
    space: { name: '南京信创软件专业化众创空间', category: 'professional', industry: 'electronic_information', subField: '信创软件与网络安全', foundedOn: '2017-05-20', regionCode: '320115', onlinePlatform: { name: '紫金信创服务平台', url: 'https://www.zjxc.example.cn' }, techPlatform: { name: '信创适配验证中心', url: 'https://lab.zjxc.example.cn' }, managementSystems: systems },
    figures: fig(18, 18, 25, 5800, 2000, 5000, 36, 30, 42), focus: '为信创软件、网络安全创业团队提供国产软硬件适配验证环境和政企市场通道',
    cases: ['国产数据库中间件团队：进入多个省级政务云', '零信任安全网关项目：完成 B 轮融资', '工控安全检测团队：获评国家级专精特新“小巨人”'],
  },
  {
    key: 'js_hitech', username: 'sz_guangdian', displayName: '高新区光电空间管理员',
    operator: { name: '苏州高新区光电产业孵化管理有限公司', uscc: uscc('91320505MA22GD2P4'), regionCode: '320505', profile: person('沈建国', '沈怡', '13962502001', '顾晨', '18915502002', '0512-66801234', 'space@sndoe.example.cn', '江苏省苏州市虎丘区科灵路 78 号', 'enterprise_state') },
    host: { name: '苏州光电技术研究院有限公司', uscc: uscc('91320500MA1GD3Q55'), hostType: 'new_rnd_institution', regionCode: '320505', credentials: { keyLabLevel: 'province', engineeringCentreLevel: 'province', goodRecord3Years: true, hasServiceManagementSystems: true } },
    space: { name: '苏州高新区光电专业化众创空间', category: 'professional', industry: 'electronic_information', subField: '光电子与激光', foundedOn: '2016-09-09', regionCode: '320505', onlinePlatform: { name: '高新区光电创新平台', url: 'https://www.sndoe.example.cn' }, techPlatform: { name: '光电器件检测与封装平台', url: 'https://lab.sndoe.example.cn' }, managementSystems: systems },
    figures: fig(16, 16, 21, 5000, 1700, 4200, 33, 27, 38), focus: '依托光电技术研究院，为激光器、光通信器件创业团队提供封装、检测和可靠性验证',
    cases: ['超快激光器团队：打入消费电子产线', '硅光模块项目：完成 C 轮融资', '光纤传感团队：服务长江大桥健康监测'],
  },
  {
    key: 'js_intake', username: 'sz_wuzhong', displayName: '吴中机器人空间管理员',
    operator: { name: '苏州吴中机器人产业园管理有限公司', uscc: uscc('91320506MA23WY3Q6'), regionCode: '320506', profile: person('陆文华', '陆雅', '13771802101', '潘越', '18662102102', '0512-65201234', 'space@wzrobot.example.cn', '江苏省苏州市吴中区吴中大道 1368 号') },
    host: { name: '苏州吴中精工机器人股份有限公司', uscc: uscc('91320500MA1WY4R66'), hostType: 'leading_enterprise', regionCode: '320506', credentials: { enterpriseTechCentreLevel: 'national', goodRecord3Years: true, hasServiceManagementSystems: true } },
    space: { name: '苏州吴中机器人专业化众创空间', category: 'professional', industry: 'advanced_equipment', subField: '工业机器人核心部件', foundedOn: '2016-03-30', regionCode: '320506', onlinePlatform: { name: '吴中机器人创新平台', url: 'https://www.wzrobot.example.cn' }, techPlatform: { name: '机器人减速器与伺服测试中心', url: 'https://lab.wzrobot.example.cn' }, managementSystems: systems },
    figures: fig(17, 16, 23, 5500, 1850, 3800, 34, 28, 37), focus: '围绕机器人减速器、伺服和控制器，为核心部件创业团队开放测试台架和整机厂订单',
    cases: ['谐波减速器团队：年出货量 10 万台', '协作机器人项目：获 B 轮融资 3 亿元', '机器视觉团队：入选省级独角兽培育企业'],
  },
  {
    key: 'js_returned', username: 'sz_xiangcheng', displayName: '相城智能网联空间管理员',
    operator: { name: '苏州相城智能网联汽车孵化有限公司', uscc: uscc('91320507MA24XC4R8'), regionCode: '320507', profile: person('朱国平', '朱琳', '13862502201', '徐阳', '18013502202', '0512-65791234', 'space@xcicv.example.cn', '江苏省苏州市相城区高铁新城青龙港路 66 号') },
    host: { name: '苏州相城汽车电子有限公司', uscc: uscc('91320500MA1XC5T77'), hostType: 'high_tech_enterprise', regionCode: '320507', credentials: { enterpriseTechCentreLevel: 'province', engineeringCentreLevel: 'province', goodRecord3Years: true, hasServiceManagementSystems: true } },
    space: { name: '苏州相城智能网联汽车专业化众创空间', category: 'professional', industry: 'electronic_information', subField: '智能网联汽车', foundedOn: '2018-08-18', regionCode: '320507', onlinePlatform: { name: '相城智能网联创新平台', url: 'https://www.xcicv.example.cn' }, techPlatform: { name: '车路协同测试场', url: 'https://lab.xcicv.example.cn' }, managementSystems: systems },
    figures: fig(15, 15, 19, 4700, 1600, 3000, 29, 24, 31), focus: '依托车路协同测试场，为自动驾驶、车载电子创业团队提供测试牌照辅导和整车厂对接',
    cases: ['自动驾驶小巴团队：在高铁新城示范运营', '车规级毫米波雷达项目：定点三家整车厂', '车路协同路侧单元团队：完成 A 轮融资'],
  },
  {
    key: 'js_formal', username: 'nj_xianlin', displayName: '仙林生命科学空间管理员',
    operator: { name: '南京仙林生命科学园运营有限公司', uscc: uscc('91320113MA25XL5T1'), regionCode: '320113', profile: person('孙立平', '孙悦', '13905152301', '丁宁', '18652052302', '025-85891234', 'space@xlbio.example.cn', '江苏省南京市栖霞区纬地路 9 号', 'enterprise_state') },
    host: { name: '南京仙林药物研究院', uscc: uscc('12320100MB1XL6U58'), hostType: 'research_institute', regionCode: '320113', credentials: { keyLabLevel: 'national', engineeringCentreLevel: 'province', goodRecord3Years: true, hasServiceManagementSystems: true } },
    space: { name: '南京仙林创新药专业化众创空间', category: 'professional', industry: 'biotechnology', subField: '创新药研发', foundedOn: '2015-12-12', regionCode: '320113', onlinePlatform: { name: '仙林生命科学服务平台', url: 'https://www.xlbio.example.cn' }, techPlatform: { name: '药物筛选与药代动力学平台', url: 'https://lab.xlbio.example.cn' }, managementSystems: systems },
    figures: fig(19, 19, 27, 6200, 2200, 6000, 37, 31, 44), focus: '依托药物研究院的筛选和药代平台，为创新药早期研发团队提供从靶点到临床前的一站式服务',
    cases: ['小分子抗肿瘤药团队：获美国 FDA 临床许可', '多肽药物项目：完成 C 轮融资 4 亿元', 'AI 药物设计团队：与跨国药企达成合作'],
  },
  {
    key: 'js_expert', username: 'sz_gusu', displayName: '姑苏数字文创空间管理员',
    operator: { name: '苏州姑苏数字文化产业发展有限公司', uscc: uscc('91320508MA26GT6U3'), regionCode: '320508', profile: person('吴志明', '吴晓', '13913202401', '陶然', '18962102402', '0512-67531234', 'space@gsdigital.example.cn', '江苏省苏州市姑苏区人民路 2288 号', 'enterprise_state') },
    host: { name: '苏州姑苏文化传媒集团有限公司', uscc: uscc('91320500MA1GT7W88'), hostType: 'leading_enterprise', regionCode: '320508', credentials: { enterpriseTechCentreLevel: 'province', goodRecord3Years: true, hasServiceManagementSystems: true } },
    space: { name: '苏州姑苏数字文创专业化众创空间', category: 'professional', industry: 'cultural_creative', subField: '数字文博与非遗创新', foundedOn: '2017-06-06', regionCode: '320508', onlinePlatform: { name: '姑苏数字文创平台', url: 'https://www.gsdigital.example.cn' }, techPlatform: { name: '文物数字化采集与展示平台', url: 'https://lab.gsdigital.example.cn' }, managementSystems: systems },
    figures: fig(14, 14, 18, 4300, 1500, 2600, 30, 25, 46), focus: '依托古城文博资源，为数字文博、非遗创新和沉浸式文旅创业团队提供采集设备和场景订单',
    cases: ['苏绣数字纹样团队：授权 80 余个品牌', '园林沉浸式展演项目：年接待观众 30 万人次', '昆曲数字化团队：获国家艺术基金资助'],
  },
  {
    key: 'js_national', username: 'nj_jiangbei', displayName: '江北集成电路空间管理员',
    operator: { name: '南京江北集成电路设计孵化有限公司', uscc: uscc('91320111MA27JB7W5'), regionCode: '320111', profile: person('许国华', '许若溪', '13851702501', '冯畅', '18905102502', '025-58601234', 'space@jbic.example.cn', '江苏省南京市浦口区江浦街道浦滨路 320 号') },
    host: { name: '南京江北芯片设计服务股份有限公司', uscc: uscc('91320100MA1JB8X99'), hostType: 'high_tech_enterprise', regionCode: '320111', credentials: { enterpriseTechCentreLevel: 'province', engineeringCentreLevel: 'national', goodRecord3Years: true, hasServiceManagementSystems: true } },
    space: { name: '南京江北集成电路设计专业化众创空间', category: 'professional', industry: 'electronic_information', subField: '集成电路设计', foundedOn: '2016-10-28', regionCode: '320111', onlinePlatform: { name: '江北芯片设计服务平台', url: 'https://www.jbic.example.cn' }, techPlatform: { name: 'EDA 与多项目晶圆公共服务平台', url: 'https://lab.jbic.example.cn' }, managementSystems: systems },
    figures: fig(20, 20, 28, 6500, 2300, 8000, 40, 34, 48), focus: '为芯片设计创业团队提供 EDA 工具共享、多项目晶圆流片和封测对接服务',
    cases: ['车规级 MCU 团队：流片成功并量产', 'RISC-V 处理器 IP 项目：授权客户超过 50 家', '电源管理芯片团队：登陆科创板'],
  },
  {
    key: 'js_filed', username: 'sz_kunshan', displayName: '昆山新型显示空间管理员',
    operator: { name: '昆山新型显示产业孵化有限公司', uscc: uscc('91320583MA28KT8X7'), regionCode: '320583', profile: person('邵建华', '邵婷', '13962602601', '袁野', '18051602602', '0512-57651234', 'space@ksdisplay.example.cn', '江苏省昆山市开发区前进东路 1001 号') },
    host: { name: '昆山新型显示技术有限公司', uscc: uscc('91320500MA1KT9Y05'), hostType: 'leading_enterprise', regionCode: '320583', credentials: { enterpriseTechCentreLevel: 'national', keyLabLevel: 'province', goodRecord3Years: true, hasServiceManagementSystems: true } },
    space: { name: '昆山新型显示专业化众创空间', category: 'professional', industry: 'electronic_information', subField: '新型显示与触控', foundedOn: '2015-08-08', regionCode: '320583', onlinePlatform: { name: '昆山新型显示创新平台', url: 'https://www.ksdisplay.example.cn' }, techPlatform: { name: '显示面板检测与中试平台', url: 'https://lab.ksdisplay.example.cn' }, managementSystems: systems },
    figures: fig(18, 17, 25, 6100, 2100, 5500, 38, 32, 41), focus: '依托显示面板龙头企业的中试线，为 Micro LED、柔性触控创业团队提供工艺验证和量产导入',
    cases: ['Micro LED 巨量转移团队：建成中试线', '柔性触控膜项目：进入手机品牌供应链', '显示驱动芯片团队：完成 B 轮融资'],
  },
];

export const HISTORY_SPACES: HistorySpace[] = [...XUCHANG_SPACES, ...LAST_YEAR_SPACES, ...LIAONING_SPACES, ...JIANGSU_SPACES];
