/**
 * The catalogue of every action code the platform records in the audit log, with its name in
 * Chinese and English, so the audit admin reads "登录" rather than `auth.login`. `actions.test.ts`
 * scans the sources for the codes the audit calls record and fails on any code missing here.
 *
 * A submission's state changes are recorded by the workflow kernel as `<object type>.<move>`
 * (`application.submit`); they are listed here for the filing dossier (object type `application`),
 * and `actionName` names the moves of any other kind of submission from `SUBMISSION_MOVES`.
 */
export interface Bilingual {
  zh: string;
  en: string;
}

/** The moves of the workflow kernel's transition table (workflow/transitions.ts; the test checks both agree). */
export const SUBMISSION_MOVES = {
  submit: { zh: '提交', en: 'submit' },
  withdraw: { zh: '撤回', en: 'withdraw' },
  resubmit: { zh: '重新提交', en: 'resubmit' },
  extend: { zh: '延长期限', en: 'extend the deadline' },
  advance: { zh: '进入下一环节', en: 'advance to the next stage' },
  return: { zh: '退回修改', en: 'return for revision' },
  reject: { zh: '不予通过', en: 'reject' },
  extend_stage: { zh: '延长环节办理期限', en: 'extend the stage due date' },
  open_notice: { zh: '进入公示', en: 'open the public notice' },
  block: { zh: '因异议成立不予通过', en: 'block on an upheld objection' },
  file: { zh: '予以备案', en: 'file' },
  revoke: { zh: '撤销备案', en: 'revoke the filing' },
  reinstate: { zh: '恢复审核', en: 'reinstate' },
  reopen: { zh: '重新开放', en: 'reopen' },
  cancel_for_fraud: { zh: '因弄虚作假取消', en: 'cancel for fraud' },
} as const satisfies Record<string, Bilingual>;

/** What the `object_type` column names, for the object column and the filter by object. */
export const OBJECT_TYPES = {
  user: { zh: '账号', en: 'account' },
  organisation: { zh: '机构', en: 'organisation' },
  application: { zh: '申请', en: 'application' },
  call: { zh: '申报批次', en: 'call' },
  chain: { zh: '审核流程', en: 'review chain' },
  rule_set: { zh: '条件规则集', en: 'rule set' },
  space: { zh: '众创空间', en: 'space' },
  public_notice: { zh: '公示', en: 'public notice' },
  objection: { zh: '异议', en: 'objection' },
  decision: { zh: '决定', en: 'decision' },
  filing_list: { zh: '名单', en: 'list' },
  recommendation: { zh: '推荐批次', en: 'recommendation' },
  file: { zh: '附件', en: 'file' },
  credit_record: { zh: '信用记录', en: 'credit record' },
  incubatee: { zh: '在孵团队/企业', en: 'incubatee' },
  change_report: { zh: '变更报告', en: 'change report' },
  annual_return: { zh: '统计报表', en: 'statistics return' },
  return_catalogue: { zh: '统计指标目录', en: 'indicator catalogue' },
  evaluation_scheme: { zh: '评价方案', en: 'evaluation scheme' },
  evaluation: { zh: '年度评价', en: 'annual evaluation' },
  revocation: { zh: '撤销备案', en: 'revocation' },
  revocation_proposal: { zh: '撤销建议', en: 'revocation proposal' },
  notification: { zh: '站内消息', en: 'notification' },
  notification_template: { zh: '通知模板', en: 'notice template' },
} as const satisfies Record<string, Bilingual>;

const SUBMISSION_ACTIONS = Object.fromEntries(
  Object.entries(SUBMISSION_MOVES).map(([move, name]) => [`application.${move}`, { zh: `申请${name.zh}`, en: `application: ${name.en}` }]),
) as Record<`application.${keyof typeof SUBMISSION_MOVES}`, Bilingual>;

export const AUDIT_ACTIONS: Record<string, Bilingual> = {
  // Sign-in and accounts
  'auth.login': { zh: '登录', en: 'sign in' },
  'auth.logout': { zh: '退出登录', en: 'sign out' },
  'auth.mfa': { zh: '动态验证码验证', en: 'second-factor check' },
  'auth.password_reset.request': { zh: '申请找回密码', en: 'request a password reset' },
  'auth.password_reset.complete': { zh: '通过邮件重设密码', en: 'reset the password by mail' },
  'access.denied': { zh: '越权访问被拒绝', en: 'access denied' },
  'personal_data.reveal': { zh: '查看完整个人信息', en: 'reveal personal data' },
  'user.create': { zh: '创建账号', en: 'create an account' },
  'user.update': { zh: '修改账号信息', en: 'edit an account' },
  'user.disable': { zh: '停用账号', en: 'disable an account' },
  'user.enable': { zh: '启用账号', en: 'enable an account' },
  'user.unlock': { zh: '解除登录锁定', en: 'unlock an account' },
  'user.sessions.kill': { zh: '强制结束会话', en: 'end sessions' },
  'user.password.change': { zh: '修改本人密码', en: 'change own password' },
  'user.password.reset': { zh: '管理员重置密码', en: 'reset a password (admin)' },
  'user.totp.enrol': { zh: '绑定动态验证码', en: 'enrol a second factor' },
  'user.totp.seal': { zh: '加密存储动态验证码密钥', en: 'seal a second-factor secret' },
  // Organisations and the registry
  'org.create': { zh: '创建机构', en: 'create an organisation' },
  'org.register': { zh: '运营主体注册', en: 'register an operator' },
  'org.disable': { zh: '停用机构', en: 'disable an organisation' },
  'org.enable': { zh: '启用机构', en: 'enable an organisation' },
  'org.profile.update': { zh: '修改机构档案', en: 'update an organisation profile' },
  'space.create': { zh: '登记众创空间', en: 'register a space' },
  'space.update': { zh: '修改众创空间信息', en: 'update a space' },
  'host.link': { zh: '关联依托单位', en: 'link a host' },
  // Calls, chains, rule sets
  'call.create': { zh: '创建申报批次', en: 'create a call' },
  'call.update': { zh: '修改申报批次', en: 'update a call' },
  'call.publish': { zh: '发布申报批次', en: 'publish a call' },
  'call.cancel': { zh: '取消申报批次', en: 'cancel a call' },
  'chain.clone': { zh: '复制审核流程', en: 'clone a review chain' },
  'chain.update': { zh: '修改审核流程', en: 'update a review chain' },
  'chain.publish': { zh: '发布审核流程', en: 'publish a review chain' },
  'rule_set.clone': { zh: '复制条件规则集', en: 'clone a rule set' },
  'rule_set.update': { zh: '修改条件规则集', en: 'update a rule set' },
  'rule_set.publish': { zh: '发布条件规则集', en: 'publish a rule set' },
  // The dossier
  'application.create': { zh: '创建申请', en: 'create an application' },
  'application.dossier.save': { zh: '保存申报材料', en: 'save the dossier' },
  'application.attach': { zh: '上传申报附件', en: 'attach a file' },
  'application.detach': { zh: '删除申报附件', en: 'remove an attachment' },
  'application.commitment.download': { zh: '下载信用承诺书模板', en: 'download the commitment template' },
  'application.commitment.confirm': { zh: '确认信用承诺', en: 'confirm the commitment' },
  'application.export.docx': { zh: '导出申报书', en: 'export the application form' },
  'application.export.materials': { zh: '导出申报材料', en: 'export the materials' },
  ...SUBMISSION_ACTIONS,
  // Stage work
  'review.pass': { zh: '审核通过', en: 'pass a review' },
  'review.return': { zh: '审核退回', en: 'return from review' },
  'review.reject': { zh: '审核不通过', en: 'reject in review' },
  'review.extend_stage': { zh: '延长审核期限', en: 'extend a review stage' },
  'review.stage_due': { zh: '环节到期提醒', en: 'stage due reminder' },
  'notice.publish': { zh: '发布公示', en: 'publish a notice' },
  'notice.conclude': { zh: '结束公示', en: 'conclude a notice' },
  'notice.objection.file': { zh: '提出异议', en: 'file an objection' },
  'notice.objection.handle': { zh: '处理异议', en: 'handle an objection' },
  'recommendation.create': { zh: '创建推荐批次', en: 'create a recommendation' },
  'recommendation.update': { zh: '修改推荐批次', en: 'update a recommendation' },
  'recommendation.documents': { zh: '上传推荐函件', en: 'upload recommendation documents' },
  'recommendation.send': { zh: '报送推荐', en: 'send a recommendation' },
  'recommendation.letter.download': { zh: '下载推荐函', en: 'download a recommendation letter' },
  'recommendation.commitment.download': { zh: '下载主管部门信用承诺书', en: 'download the authority commitment' },
  'expert.pool.add': { zh: '加入专家库', en: 'add to the expert pool' },
  'expert.pool.update': { zh: '修改专家信息', en: 'update an expert' },
  'expert.pool.activate': { zh: '启用专家', en: 'activate an expert' },
  'expert.pool.deactivate': { zh: '暂停专家', en: 'deactivate an expert' },
  'expert.assign': { zh: '指派评审专家', en: 'assign an expert' },
  'expert.auto_assign': { zh: '自动指派评审专家', en: 'assign experts automatically' },
  'expert.unassign': { zh: '取消专家指派', en: 'unassign an expert' },
  'expert.declare': { zh: '专家签署声明', en: 'expert declaration' },
  'expert.decline': { zh: '专家回避', en: 'expert declines' },
  'expert.conflict.declare': { zh: '申报利益冲突', en: 'declare a conflict of interest' },
  'expert.score': { zh: '专家评分', en: 'score an application' },
  'expert.sheet.read': { zh: '查看评分表', en: 'read a score sheet' },
  'expert.sheet.save': { zh: '保存评分表', en: 'save a score sheet' },
  'expert.results.export': { zh: '导出评审结果', en: 'export review results' },
  'decision.record': { zh: '作出决定', en: 'record a decision' },
  'decision.update': { zh: '修改决定', en: 'update a decision' },
  'decision.withdraw': { zh: '撤回决定', en: 'withdraw a decision' },
  'decision.release': { zh: '发布名单', en: 'release a list' },
  'decision.reverse': { zh: '撤销决定', en: 'reverse a decision' },
  'credit.fraud_found': { zh: '认定弄虚作假', en: 'record a fraud finding' },
  'credit.records.export': { zh: '导出信用记录', en: 'export credit records' },
  'roster.incubatee.create': { zh: '登记在孵团队/企业', en: 'register an incubatee' },
  'roster.incubatee.edit': { zh: '修改在孵团队/企业', en: 'edit an incubatee' },
  'roster.incubatee.status': { zh: '变更在孵状态', en: 'change an incubatee status' },
  'roster.financing.add': { zh: '登记融资', en: 'record a financing round' },
  'roster.financing.remove': { zh: '删除融资记录', en: 'remove a financing round' },
  'roster.import': { zh: '导入在孵企业名册', en: 'import the incubatee roster' },
  'roster.export': { zh: '导出在孵企业名册', en: 'export the incubatee roster' },
  'roster.chain.set': { zh: '设置孵化链条位置', en: 'set the incubation chain place' },
  // Change reports and statistics returns (their moves through the chain are named from SUBMISSION_MOVES)
  'change_report.create': { zh: '新建变更报告', en: 'open a change report' },
  'change_report.save': { zh: '保存变更报告', en: 'save a change report' },
  'change_report.applied': { zh: '变更事项生效', en: 'apply an approved change' },
  'change_report.revoked': { zh: '撤销已生效的变更', en: 'revoke an applied change' },
  'space.change_applied': { zh: '按变更报告更新众创空间信息', en: 'update a space from a change report' },
  'revocation.propose': { zh: '提出撤销建议', en: 'raise a revocation proposal' },
  'revocation.start': { zh: '启动撤销备案程序', en: 'start a revocation' },
  'revocation.dismiss': { zh: '不予启动撤销', en: 'dismiss a revocation proposal' },
  'revocation.revoked': { zh: '撤销备案生效', en: 'revoke a filing' },
  'revocation.reversed': { zh: '撤销决定更正，恢复备案', en: 'restore a revoked filing' },
  'return_round.open': { zh: '开启统计报表填报轮次', en: 'open a statistics reporting round' },
  'return_round.remind': { zh: '提醒尚未提交统计报表的众创空间', en: 'remind operators of returns due' },
  'return_round.missed': { zh: '标记逾期未报的统计报表', en: 'mark statistics returns missed' },
  'annual_return.save': { zh: '保存统计报表', en: 'save a statistics return' },
  'annual_return.reopen': { zh: '重新开放已审定的统计报表', en: 'reopen an accepted statistics return' },
  'annual_return.cover_scan': { zh: '上传盖章封面扫描件', en: 'attach the stamped cover scan' },
  'annual_return.export': { zh: '导出统计报表', en: 'export a statistics return' },
  'return_round.export': { zh: '导出辖区统计报表汇总', en: 'export a round\'s accepted returns' },
  'return_settings.update': { zh: '设置统计报表周期（月报开关）', en: 'set the optional return cadences' },
  'return_catalogue.clone': { zh: '复制统计指标目录为草稿', en: 'clone an indicator catalogue' },
  'return_catalogue.update': { zh: '修改统计指标目录草稿', en: 'edit an indicator catalogue draft' },
  'return_catalogue.publish': { zh: '发布统计指标目录', en: 'publish an indicator catalogue' },
  'evaluation_scheme.clone': { zh: '复制评价方案为草稿', en: 'clone an evaluation scheme' },
  'evaluation_scheme.update': { zh: '修改评价方案草稿', en: 'edit an evaluation scheme draft' },
  'evaluation_scheme.publish': { zh: '发布评价方案', en: 'publish an evaluation scheme' },
  'evaluation_round.open': { zh: '开启年度评价', en: 'open an evaluation round' },
  'evaluation_round.score': { zh: '计算年度评价得分与等次', en: 'compute an evaluation round\'s scores' },
  'evaluation.save_summary': { zh: '保存年度工作总结', en: 'save the annual work summary' },
  'evaluation.confirm_figures': { zh: '确认年度评价统计数据', en: 'confirm the evaluation figures' },
  'evaluation.opinion': { zh: '填写地方主管部门评价意见', en: 'give the local authority\'s opinion' },
  'evaluation.correct_grade': { zh: '异议成立后更正评价等次', en: 'correct a grade after an upheld objection' },
  'evaluation.missed': { zh: '年度评价逾期未交，记为应评未评', en: 'mark an evaluation not handed in by the deadline' },
  'evaluation_round.missed': { zh: '年度评价截止，标记应评未评', en: 'mark a round\'s evaluations not handed in' },
  // Files, notifications
  'file.upload': { zh: '上传文件', en: 'upload a file' },
  'file.download': { zh: '下载文件', en: 'download a file' },
  'file.sweep': { zh: '清理残留文件', en: 'sweep leftover files' },
  'notification.read': { zh: '阅读站内消息', en: 'read a notification' },
  'notification.read_all': { zh: '全部标为已读', en: 'mark all notifications read' },
  'notification_template.save': { zh: '保存通知模板', en: 'save a notice template' },
  'notification_template.reset': { zh: '恢复默认通知模板', en: 'reset a notice template' },
  // The log itself and operations
  'audit.read': { zh: '查询审计日志', en: 'read the audit log' },
  'audit.export': { zh: '导出审计日志', en: 'export the audit log' },
  'audit.verify': { zh: '校验审计日志', en: 'verify the audit log' },
  'audit.checkpoint_reset': { zh: '重置审计检查点', en: 'reset the audit checkpoint' },
  'backup.create': { zh: '备份数据', en: 'create a backup' },
  'backup.restore': { zh: '恢复数据', en: 'restore a backup' },
};

/**
 * The name of an action code: the catalogue's, or for another kind of submission its object type
 * and move; undefined for a code nobody catalogued (the page then shows the code itself).
 */
export function actionName(code: string): Bilingual | undefined {
  const known = AUDIT_ACTIONS[code];
  if (known) return known;
  const dot = code.lastIndexOf('.');
  const move = SUBMISSION_MOVES[code.slice(dot + 1) as keyof typeof SUBMISSION_MOVES];
  if (dot <= 0 || !move) return undefined;
  const type = code.slice(0, dot);
  const typeName = OBJECT_TYPES[type as keyof typeof OBJECT_TYPES] ?? { zh: type, en: type };
  return { zh: `${typeName.zh}${move.zh}`, en: `${typeName.en}: ${move.en}` };
}
