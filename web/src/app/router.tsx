import { type ComponentType, lazy, type ReactNode, Suspense } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { PageSpinner } from '../components/PageSpinner';
import { StatusPage } from '../components/StatusPage';
import { can } from '../api/session';
import { useCurrentUser } from './currentUser';
import { NAV_ITEMS, type NavItem, type PageName } from './navigation';

// One chunk per page: a reviewer never downloads the admin screens and the portal stays light.
const PortalHome = lazy(() => import('../pages/PortalHome'));
const Login = lazy(() => import('../pages/Login'));
const Register = lazy(() => import('../pages/Register'));
const PublicCalls = lazy(() => import('../pages/portal/PublicCalls'));
const PublicCallDetail = lazy(() => import('../pages/portal/PublicCallDetail'));
const ForgotPassword = lazy(() => import('../pages/ForgotPassword'));
const ResetPassword = lazy(() => import('../pages/ResetPassword'));
const PublicNotices = lazy(() => import('../pages/portal/PublicNotices'));
const PublicNoticeDetail = lazy(() => import('../pages/portal/PublicNoticeDetail'));
const FilingLists = lazy(() => import('../pages/portal/FilingLists'));
const FilingListDetail = lazy(() => import('../pages/portal/FilingListDetail'));
const SpaceDirectory = lazy(() => import('../pages/portal/SpaceDirectory'));
const SpacePage = lazy(() => import('../pages/portal/SpacePage'));
const PublicStatistics = lazy(() => import('../pages/portal/PublicStatistics'));
const PublicPolicies = lazy(() => import('../pages/policies/PublicPolicies'));
const PublicPolicyDetail = lazy(() => import('../pages/policies/PublicPolicyDetail'));
const PublicSupports = lazy(() => import('../pages/supports/PublicSupports'));
const PublicCrowd = lazy(() => import('../pages/crowd/PublicCrowd'));
const PublicChallenge = lazy(() => import('../pages/crowd/PublicChallenge'));
const PublicPitches = lazy(() => import('../pages/pitches/PublicPitches'));
const ForcedPasswordChange = lazy(() => import('../pages/ForcedPasswordChange'));
const PublicActivities = lazy(() => import('../pages/events/PublicActivities'));
const AppLayout = lazy(() => import('./AppLayout'));

const PAGES: Record<PageName, ComponentType> = {
  workbench: lazy(() => import('../pages/workbench/Workbench')),
  notifications: lazy(() => import('../pages/Notifications')),
  profile: lazy(() => import('../pages/Profile')),
  audit: lazy(() => import('../pages/AuditLog')),
  users: lazy(() => import('../pages/admin/Users')),
  orgs: lazy(() => import('../pages/admin/Orgs')),
  mail: lazy(() => import('../pages/admin/MailOutbox')),
  criteria: lazy(() => import('../pages/criteria/RuleSets')),
  criteriaDetail: lazy(() => import('../pages/criteria/RuleSetDetail')),
  chains: lazy(() => import('../pages/chains/Chains')),
  chainDetail: lazy(() => import('../pages/chains/ChainDetail')),
  returns: lazy(() => import('../pages/returns/Returns')),
  returnDetail: lazy(() => import('../pages/returns/ReturnDetail')),
  returnCatalogues: lazy(() => import('../pages/returns/Catalogues')),
  returnCatalogueDetail: lazy(() => import('../pages/returns/CatalogueDetail')),
  evaluationSchemes: lazy(() => import('../pages/evaluation/Schemes')),
  evaluationSchemeDetail: lazy(() => import('../pages/evaluation/SchemeDetail')),
  evaluationRounds: lazy(() => import('../pages/evaluation/Rounds')),
  evaluationRoundDetail: lazy(() => import('../pages/evaluation/RoundDetail')),
  myEvaluations: lazy(() => import('../pages/evaluation/MyEvaluations')),
  myEvaluation: lazy(() => import('../pages/evaluation/MyEvaluation')),
  myOrg: lazy(() => import('../pages/registry/MyOrganisation')),
  mySpaces: lazy(() => import('../pages/registry/Spaces')),
  callsAdmin: lazy(() => import('../pages/calls/CallsAdmin')),
  callDetail: lazy(() => import('../pages/calls/CallDetail')),
  openCalls: lazy(() => import('../pages/applications/OpenCalls')),
  applications: lazy(() => import('../pages/applications/Applications')),
  applicationDetail: lazy(() => import('../pages/applications/Dossier')),
  reviewQueue: lazy(() => import('../pages/review/ReviewQueue')),
  stageWork: lazy(() => import('../pages/review/StageWork')),
  notificationTemplates: lazy(() => import('../pages/review/NotificationTemplates')),
  decisions: lazy(() => import('../pages/decisions/Decisions')),
  expertPool: lazy(() => import('../pages/experts/ExpertPool')),
  expertReview: lazy(() => import('../pages/experts/ExpertReview')),
  myReviews: lazy(() => import('../pages/experts/MyReviews')),
  recommendations: lazy(() => import('../pages/recommendations/Recommendations')),
  credit: lazy(() => import('../pages/credit/CreditRecords')),
  roster: lazy(() => import('../pages/roster/Roster')),
  serviceDesk: lazy(() => import('../pages/services/ServiceDesk')),
  serviceMarket: lazy(() => import('../pages/services/ServiceMarket')),
  myOrders: lazy(() => import('../pages/services/MyOrders')),
  eventDesk: lazy(() => import('../pages/events/EventDesk')),
  eventManage: lazy(() => import('../pages/events/EventManage')),
  myEvents: lazy(() => import('../pages/events/MyEvents')),
  eventActivity: lazy(() => import('../pages/events/EventActivity')),
  mentors: lazy(() => import('../pages/mentors/Mentors')),
  spacesite: lazy(() => import('../pages/spacesite/SiteEditor')),
  platformStats: lazy(() => import('../pages/platform-stats/PlatformStats')),
  dashboard: lazy(() => import('../pages/dashboard/Dashboard')),
  notices: lazy(() => import('../pages/notices/Notices')),
  noticeDetail: lazy(() => import('../pages/notices/NoticeDetail')),
  changes: lazy(() => import('../pages/changes/Changes')),
  changeDetail: lazy(() => import('../pages/changes/ChangeDetail')),
  revocations: lazy(() => import('../pages/revocation/Proposals')),
  revocationDetail: lazy(() => import('../pages/revocation/ProposalDetail')),
  spaceTimeline: lazy(() => import('../pages/revocation/SpaceTimeline')),
  bookingFind: lazy(() => import('../pages/booking/FindResources')),
  bookingResource: lazy(() => import('../pages/booking/ResourceDetail')),
  myBookings: lazy(() => import('../pages/booking/MyBookings')),
  bookingDesk: lazy(() => import('../pages/booking/Desk')),
  resourceAdmin: lazy(() => import('../pages/booking/ResourceAdmin')),
  policies: lazy(() => import('../pages/policies/PoliciesAdmin')),
  policyDetail: lazy(() => import('../pages/policies/PolicyAdminDetail')),
  policySubscriptions: lazy(() => import('../pages/policies/PolicySubscriptions')),
  supports: lazy(() => import('../pages/supports/Supports')),
  supportDetail: lazy(() => import('../pages/supports/SupportDetail')),
  supportAlerts: lazy(() => import('../pages/supports/SupportAlerts')),
  crowdDesk: lazy(() => import('../pages/crowd/CrowdDesk')),
  crowdMarket: lazy(() => import('../pages/crowd/CrowdMarket')),
  crowdPanel: lazy(() => import('../pages/crowd/CrowdPanel')),
  crowdChallenge: lazy(() => import('../pages/crowd/ChallengePage')),
  crowdFinancingStats: lazy(() => import('../pages/crowd/CrowdFinancingStats')),
  pitchDesk: lazy(() => import('../pages/pitches/PitchCallDesk')),
  myPitches: lazy(() => import('../pages/pitches/MyPitches')),
  pitchReviews: lazy(() => import('../pages/pitches/PitchReviews')),
  pitchCall: lazy(() => import('../pages/pitches/PitchCallPage')),
  financing: lazy(() => import('../pages/financing/Financing')),
};

const suspend = (node: ReactNode) => <Suspense fallback={<PageSpinner />}>{node}</Suspense>;

/** A signed-in page the user's roles do not reach answers 403 (the menu never links there). */
function Guard({ item, page = item.page, allowed = item.allowed }: { item: NavItem; page?: PageName; allowed?: NavItem['allowed'] }) {
  const me = useCurrentUser();
  if (!allowed(me)) return <StatusPage status={403} home="/app" />;
  const Page = PAGES[page];
  return suspend(<Page />);
}

/** `/app` opens the workbench, every user's landing page. */
function Landing() {
  return <Navigate to="/app/workbench" replace />;
}

export const router = createBrowserRouter([
  { path: '/', element: suspend(<PortalHome />) },
  { path: '/login', element: suspend(<Login />) },
  { path: '/register', element: suspend(<Register />) },
  { path: '/portal/calls', element: suspend(<PublicCalls />) },
  { path: '/portal/calls/:id', element: suspend(<PublicCallDetail />) },
  { path: '/forgot-password', element: suspend(<ForgotPassword />) },
  { path: '/reset-password', element: suspend(<ResetPassword />) },
  { path: '/portal/notices', element: suspend(<PublicNotices />) },
  { path: '/portal/notices/:id', element: suspend(<PublicNoticeDetail />) },
  { path: '/portal/filing-lists', element: suspend(<FilingLists />) },
  { path: '/portal/filing-lists/:id', element: suspend(<FilingListDetail />) },
  { path: '/portal/spaces', element: suspend(<SpaceDirectory />) },
  { path: '/portal/spaces/:id', element: suspend(<SpacePage />) },
  { path: '/portal/statistics', element: suspend(<PublicStatistics />) },
  { path: '/portal/activities', element: suspend(<PublicActivities />) },
  { path: '/portal/policies', element: suspend(<PublicPolicies />) },
  { path: '/portal/policies/:id', element: suspend(<PublicPolicyDetail />) },
  { path: '/portal/supports', element: suspend(<PublicSupports />) },
  { path: '/portal/crowd', element: suspend(<PublicCrowd />) },
  { path: '/portal/crowd/:id', element: suspend(<PublicChallenge />) },
  { path: '/portal/pitches', element: suspend(<PublicPitches />) },
  { path: '/change-password', element: suspend(<ForcedPasswordChange />) },
  {
    path: '/app',
    element: suspend(<AppLayout />),
    children: [
      { index: true, element: <Landing /> },
      ...NAV_ITEMS.map((item) => ({ path: item.path, element: <Guard item={item} /> })),
      ...NAV_ITEMS.filter((item) => item.detail).map((item) => ({ path: `${item.path}/:id`, element: <Guard item={item} page={item.detail} allowed={item.detailAllowed ?? item.allowed} /> })),
      // A space's history: opened from a proposal, the credit records or a space, not a menu item of its own.
      { path: '/app/space-timeline/:id', element: <Guard item={NAV_ITEMS.find((i) => i.page === 'revocations')!} page="spaceTimeline" allowed={(me) => can(me, 'timeline.read')} /> },
      { path: '*', element: <StatusPage status={404} home="/app" /> },
    ],
  },
  { path: '*', element: <StatusPage status={404} home="/" /> },
]);
