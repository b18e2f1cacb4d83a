import {
  AlertOutlined,
  ApartmentOutlined,
  GlobalOutlined,
  AuditOutlined,
  BankOutlined,
  BulbOutlined,
  FundOutlined,
  BarChartOutlined,
  BellOutlined,
  CalendarOutlined,
  CarryOutOutlined,
  CheckSquareOutlined,
  CustomerServiceOutlined,
  ShopOutlined,
  MoneyCollectOutlined,
  ShoppingCartOutlined,
  ReadOutlined,
  ControlOutlined,
  DashboardOutlined,
  ExperimentOutlined,
  ClusterOutlined,
  DiffOutlined,
  FileDoneOutlined,
  FileSearchOutlined,
  FileTextOutlined,
  HomeOutlined,
  IdcardOutlined,
  LineChartOutlined,
  MailOutlined,
  MessageOutlined,
  NotificationOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  SendOutlined,
  SolutionOutlined,
  StopOutlined,
  TeamOutlined,
  ToolOutlined,
  TrophyOutlined,
  FlagOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import { can, hasRole } from '../api/session';
import type { Me } from '../api/types';

/**
 * The one list of signed-in pages: it builds the side menu and guards the routes, so a page is
 * reachable exactly when its menu item is shown. `page` names a real page module: a menu item exists
 * only when its page works (服务平台 and the maker's hub come with their issues).
 */
export interface NavItem {
  path: string;
  label: string;
  icon: ReactNode;
  allowed: (me: Me) => boolean;
  page: PageName;
  /** A detail page under the item (`<path>/:id`), guarded like the item and selecting it in the menu. */
  detail?: PageName;
  /** Who may open the detail page when more people than the item's (reviewers open a dossier they do not own). */
  detailAllowed?: (me: Me) => boolean;
}

export type PageName =
  | 'workbench'
  | 'crowdFinancingStats'
  | 'policies'
  | 'policyDetail'
  | 'policySubscriptions'
  | 'supports'
  | 'supportDetail'
  | 'supportAlerts'
  | 'notifications'
  | 'profile'
  | 'audit'
  | 'users'
  | 'orgs'
  | 'mail'
  | 'criteria'
  | 'criteriaDetail'
  | 'chains'
  | 'chainDetail'
  | 'openCalls'
  | 'callsAdmin'
  | 'callDetail'
  | 'myOrg'
  | 'mySpaces'
  | 'applications'
  | 'applicationDetail'
  | 'reviewQueue'
  | 'stageWork'
  | 'notificationTemplates'
  | 'notices'
  | 'noticeDetail'
  | 'decisions'
  | 'expertPool'
  | 'expertReview'
  | 'myReviews'
  | 'recommendations'
  | 'credit'
  | 'roster'
  | 'changes'
  | 'changeDetail'
  | 'returns'
  | 'returnCatalogues'
  | 'returnCatalogueDetail'
  | 'returnDetail'
  | 'evaluationSchemes'
  | 'evaluationSchemeDetail'
  | 'revocations'
  | 'revocationDetail'
  | 'spaceTimeline'
  | 'evaluationRounds'
  | 'evaluationRoundDetail'
  | 'myEvaluations'
  | 'myEvaluation'
  | 'serviceDesk'
  | 'serviceMarket'
  | 'myOrders'
  | 'mentors'
  | 'spacesite'
  | 'bookingFind'
  | 'bookingResource'
  | 'myBookings'
  | 'bookingDesk'
  | 'resourceAdmin'
  | 'eventDesk'
  | 'eventManage'
  | 'myEvents'
  | 'eventActivity'
  | 'crowdDesk'
  | 'crowdMarket'
  | 'crowdPanel'
  | 'crowdChallenge'
  | 'pitchDesk'
  | 'myPitches'
  | 'pitchReviews'
  | 'pitchCall'
  | 'financing'
  | 'platformStats'
  | 'dashboard';

const operator = (me: Me) => hasRole(me, 'operator_admin', 'operator_staff');
const authority = (me: Me) => hasRole(me, 'authority_admin', 'authority_reviewer');
const everyone = () => true;

export const NAV_ITEMS: NavItem[] = [
  // Every user's landing page (`/app`): their to-dos, notifications and, for authorities, figures.
  { path: '/app/workbench', label: 'menu.dashboard', icon: <DashboardOutlined />, allowed: everyone, page: 'workbench' },
  { path: '/app/org', label: 'menu.myOrg', icon: <BankOutlined />, allowed: operator, page: 'myOrg' },
  { path: '/app/spaces', label: 'menu.mySpaces', icon: <HomeOutlined />, allowed: operator, page: 'mySpaces' },
  { path: '/app/calls', label: 'menu.calls', icon: <CalendarOutlined />, allowed: operator, page: 'openCalls' },
  {
    path: '/app/applications',
    label: 'menu.myApplications',
    icon: <FileTextOutlined />,
    allowed: operator,
    page: 'applications',
    detail: 'applicationDetail',
    detailAllowed: (me) => can(me, 'application.read'),
  },
  // 变更报告: an operator's own; governing staff read their jurisdiction's (the review itself is stage work).
  { path: '/app/changes', label: 'changes.menu', icon: <DiffOutlined />, allowed: (me) => can(me, 'change.list'), page: 'changes', detail: 'changeDetail' },
  // 年度统计: operators file their returns, authorities open and follow rounds; reviewers open a return from the queue.
  {
    path: '/app/returns',
    label: 'menu.annualReports',
    icon: <BarChartOutlined />,
    allowed: (me) => can(me, 'return.list_mine') || can(me, 'return.read_rounds'),
    page: 'returns',
    detail: 'returnDetail',
  },
  // 撤销建议 (动态管理): the S&T departments read their jurisdiction's; the province decides on them.
  { path: '/app/revocations', label: 'revocation.menu', icon: <StopOutlined />, allowed: (me) => can(me, 'revocation.list'), page: 'revocations', detail: 'revocationDetail' },
  // 统计指标目录: every governing authority reads the versions a round may pin; a province drafts and publishes new ones.
  { path: '/app/return-catalogues', label: 'returns.catalogues.menu', icon: <BarChartOutlined />, allowed: (me) => can(me, 'return.read_rounds'), page: 'returnCatalogues', detail: 'returnCatalogueDetail' },
  // 统计评价: governing staff read the evaluation schemes on their line; an evaluating authority's admins clone, edit and publish their own.
  { path: '/app/evaluation', label: 'menu.statistics', icon: <LineChartOutlined />, allowed: (me) => can(me, 'evaluation_scheme.read'), page: 'evaluationSchemes', detail: 'evaluationSchemeDetail' },
  // 年度评价 for an operator: its spaces' evaluations (summary, figures, submission, grades).
  { path: '/app/my-evaluations', label: 'evaluation.mine.title', icon: <TrophyOutlined />, allowed: (me) => can(me, 'evaluation.list_mine'), page: 'myEvaluations', detail: 'myEvaluation' },
  // 年度评价: governing staff follow the rounds on their line (progress, scores explained, grades); an evaluating authority opens and scores its own.
  { path: '/app/evaluation-rounds', label: 'evaluation.rounds.title', icon: <TrophyOutlined />, allowed: (me) => can(me, 'evaluation_round.read'), page: 'evaluationRounds', detail: 'evaluationRoundDetail' },
  // Every stage worker's queue: authorities, recommending units and the intake agency's clerks.
  { path: '/app/review', label: 'menu.reviewTasks', icon: <CheckSquareOutlined />, allowed: (me) => can(me, 'review.work'), page: 'reviewQueue', detail: 'stageWork' },
  // Only an authority that may open calls manages them (a recommending unit or a county opens none).
  { path: '/app/calls-admin', label: 'menu.callsManage', icon: <ScheduleOutlined />, allowed: (me) => can(me, 'call.create'), page: 'callsAdmin', detail: 'callDetail' },
  { path: '/app/notification-templates', label: 'review.templates.menu', icon: <MessageOutlined />, allowed: (me) => can(me, 'notification_template.edit'), page: 'notificationTemplates' },
  {
    path: '/app/criteria',
    label: 'menu.criteria',
    icon: <FileSearchOutlined />,
    allowed: authority,
    page: 'criteria',
    detail: 'criteriaDetail',
  },
  { path: '/app/chains', label: 'menu.chains', icon: <ApartmentOutlined />, allowed: (me) => can(me, 'chain.clone'), page: 'chains', detail: 'chainDetail' },
  { path: '/app/notices', label: 'menu.publicNotices', icon: <NotificationOutlined />, allowed: authority, page: 'notices', detail: 'noticeDetail' },
  { path: '/app/recommendations', label: 'recommendations.menu', icon: <SendOutlined />, allowed: (me) => can(me, 'recommendation.prepare'), page: 'recommendations' },
  { path: '/app/credit', label: 'credit.menu', icon: <SafetyCertificateOutlined />, allowed: (me) => can(me, 'credit.read'), page: 'credit' },
  { path: '/app/roster', label: 'roster.menu', icon: <ExperimentOutlined />, allowed: (me) => can(me, 'roster.read'), page: 'roster' },
  // 设备与场地: a space's desk (today's bookings, check-in, approvals, resources and rules, usage and its export).
  { path: '/app/resources', label: 'booking.menu.desk', icon: <ControlOutlined />, allowed: (me) => can(me, 'booking.staff'), page: 'bookingDesk', detail: 'resourceAdmin' },
  // 设备预约 and 我的预约: makers find and book shared equipment across every filed space; a space's own people book its resources.
  { path: '/app/booking', label: 'booking.menu.find', icon: <ToolOutlined />, allowed: (me) => can(me, 'booking.book'), page: 'bookingFind', detail: 'bookingResource' },
  { path: '/app/my-bookings', label: 'booking.menu.mine', icon: <CarryOutOutlined />, allowed: (me) => can(me, 'booking.book'), page: 'myBookings' },
  // 服务目录与订单: an operator's catalogues and order queue; makers find services across the platform and follow their orders.
  { path: '/app/services', label: 'services.menu.desk', icon: <CustomerServiceOutlined />, allowed: (me) => can(me, 'service.manage'), page: 'serviceDesk' },
  { path: '/app/service-market', label: 'services.menu.market', icon: <ShopOutlined />, allowed: (me) => can(me, 'service.order'), page: 'serviceMarket' },
  { path: '/app/my-orders', label: 'services.menu.mine', icon: <ShoppingCartOutlined />, allowed: (me) => can(me, 'service.order'), page: 'myOrders' },
  // 活动管理: a space's events (register, publish, sign-ups, check-in scanner, summary); 活动报名 for everyone; an authority's jurisdiction figures.
  { path: '/app/events', label: 'events.menu.desk', icon: <FlagOutlined />, allowed: (me) => can(me, 'event.manage'), page: 'eventDesk', detail: 'eventManage' },
  { path: '/app/my-events', label: 'events.menu.mine', icon: <FlagOutlined />, allowed: everyone, page: 'myEvents' },
  { path: '/app/event-activity', label: 'events.menu.activity', icon: <FundOutlined />, allowed: (me) => can(me, 'event.oversee'), page: 'eventActivity' },
  // 导师与辅导: an operator keeps its spaces' mentors and coaching; authorities read their jurisdiction's.
  { path: '/app/mentors', label: 'mentors.menu', icon: <ReadOutlined />, allowed: (me) => can(me, 'mentor.read'), page: 'mentors' },
  // 空间门户: an operator keeps its spaces' public pages (intro, public contact, success cases, international cooperation, English).
  { path: '/app/space-site', label: 'spacesite.editor.menu', icon: <GlobalOutlined />, allowed: (me) => can(me, 'spacesite.read'), page: 'spacesite' },
  // 众包任务 (issue 16): the operator's challenges; makers' challenge hall; the panels a user sits on. A challenge's page is the same for all three, the server deciding what each sees.
  { path: '/app/crowd', label: 'crowd.menu.desk', icon: <BulbOutlined />, allowed: (me) => can(me, 'crowd.manage'), page: 'crowdDesk', detail: 'crowdChallenge' },
  { path: '/app/crowd-tasks', label: 'crowd.menu.market', icon: <BulbOutlined />, allowed: (me) => can(me, 'crowd.submit'), page: 'crowdMarket', detail: 'crowdChallenge' },
  { path: '/app/crowd-panel', label: 'crowd.menu.panel', icon: <TrophyOutlined />, allowed: (me) => can(me, 'crowd.panel') && !can(me, 'crowd.manage'), page: 'crowdPanel', detail: 'crowdChallenge', detailAllowed: (me) => can(me, 'crowd.panel') },
  // 路演与大赛征集 (issue 16): the operator's calls; makers' open calls and applications; the reviewer's assigned applications. A call's page is the same for all three, the server deciding what each sees.
  { path: '/app/pitch-calls', label: 'pitches.menu.desk', icon: <TrophyOutlined />, allowed: (me) => can(me, 'pitch.manage'), page: 'pitchDesk', detail: 'pitchCall' },
  { path: '/app/pitches', label: 'pitches.menu.market', icon: <TrophyOutlined />, allowed: (me) => can(me, 'pitch.apply'), page: 'myPitches', detail: 'pitchCall' },
  { path: '/app/pitch-reviews', label: 'pitches.menu.reviews', icon: <TrophyOutlined />, allowed: (me) => can(me, 'pitch.review') && !can(me, 'pitch.manage'), page: 'pitchReviews', detail: 'pitchCall', detailAllowed: (me) => can(me, 'pitch.review') },
  // 基金与投融资 (issue 16): a space's funds, its incubatees' financing requests, investors and recorded investments.
  { path: '/app/financing', label: 'financing.menu', icon: <FundOutlined />, allowed: (me) => can(me, 'financing.manage'), page: 'financing' },
  // 众包与投融资统计 (issue 16): an authority's jurisdiction's crowd tasks and funds and financing, a tab each.
  { path: '/app/crowd-financing-stats', label: 'crowd.oversight.menu', icon: <BarChartOutlined />, allowed: (me) => can(me, 'crowd.oversee') || can(me, 'financing.oversee'), page: 'crowdFinancingStats' },
  // Authorities: their jurisdiction's service platform (utilisation, top resources, orders and income, coaching).
  // 数据看板 (issue 17): an authority's jurisdiction drilled down region by region to its spaces, with the tile grid or its uploaded map.
  { path: '/app/dashboard', label: 'dashboard.menu', icon: <BarChartOutlined />, allowed: (me) => can(me, 'dashboard.read'), page: 'dashboard' },
  { path: '/app/platform-stats', label: 'platformStats.menu', icon: <LineChartOutlined />, allowed: (me) => can(me, 'workbench.platform_stats'), page: 'platformStats' },
  { path: '/app/decisions', label: 'decisions.menu', icon: <FileDoneOutlined />, allowed: (me) => can(me, 'decision.record'), page: 'decisions' },
  { path: '/app/expert-review', label: 'experts.menu.review', icon: <TrophyOutlined />, allowed: (me) => can(me, 'expert.stage.read'), page: 'expertReview' },
  { path: '/app/experts', label: 'experts.menu.pool', icon: <IdcardOutlined />, allowed: (me) => can(me, 'expert.pool.manage'), page: 'expertPool' },
  { path: '/app/my-reviews', label: 'menu.expertTasks', icon: <SolutionOutlined />, allowed: (me) => can(me, 'expert.work'), page: 'myReviews' },
  { path: '/app/admin/users', label: 'menu.users', icon: <TeamOutlined />, allowed: (me) => can(me, 'user.list'), page: 'users' },
  { path: '/app/admin/orgs', label: 'menu.orgs', icon: <ClusterOutlined />, allowed: (me) => can(me, 'org.list'), page: 'orgs' },
  { path: '/app/admin/mail', label: 'menu.mail', icon: <MailOutlined />, allowed: (me) => can(me, 'mail.outbox.read'), page: 'mail' },
  { path: '/app/audit', label: 'menu.audit', icon: <AuditOutlined />, allowed: (me) => can(me, 'audit.read'), page: 'audit' },
  // 政策文件管理: an authority's staff read their jurisdiction's policies, drafts included; its admins draft and publish.
  { path: '/app/policies', label: 'policies.menu', icon: <FileTextOutlined />, allowed: (me) => can(me, 'policy.manage'), page: 'policies', detail: 'policyDetail' },
  // 扶持登记: a granting department's staff record its supports and follow their disclosure; an S&T authority also reads its jurisdiction's.
  { path: '/app/supports', label: 'supports.menu', icon: <MoneyCollectOutlined />, allowed: (me) => can(me, 'support.list'), page: 'supports', detail: 'supportDetail' },
  // 支持重复预警: the duplicate-support alerts of a granting department's supports and its region tree, disposed of by the granting reviewers.
  { path: '/app/support-alerts', label: 'supportAlerts.menu', icon: <AlertOutlined />, allowed: (me) => can(me, 'support_alert.read'), page: 'supportAlerts' },
  // 政策订阅: anyone signed in subscribes to new policies by keyword, theme and region.
  { path: '/app/policy-subscriptions', label: 'policies.subscriptionsMenu', icon: <BellOutlined />, allowed: (me) => can(me, 'policy.subscribe'), page: 'policySubscriptions' },
  { path: '/app/notifications', label: 'menu.notifications', icon: <BellOutlined />, allowed: everyone, page: 'notifications' },
  { path: '/app/profile', label: 'menu.profile', icon: <UserOutlined />, allowed: everyone, page: 'profile' },
];

export const visibleNav = (me: Me) => NAV_ITEMS.filter((item) => item.allowed(me));

/** The menu item a location belongs to: its own page or a detail page under it. */
export const navKeyOf = (pathname: string) =>
  NAV_ITEMS.find((item) => pathname === item.path || (item.detail && pathname.startsWith(`${item.path}/`)))?.path ?? pathname;
