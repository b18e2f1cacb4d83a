import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type NoticeSummary, noticesApi } from '../../api/notices';
import { formatDateTime } from '../../lib/format';
import { NoticeStatusTag } from '../notices/parts';
import { LatestList, PortalListItem } from './PortalList';

/** One public notice in a portal list (the home's newest and the full list alike). */
export function NoticeListItem({ notice: n }: { notice: NoticeSummary }) {
  const { t } = useTranslation();
  return (
    <PortalListItem
      to={`/portal/notices/${n.id}`}
      title={n.title}
      tags={<NoticeStatusTag notice={n} />}
      description={t('notices.publicLine', { authority: n.authority.name, starts: formatDateTime(n.startsAt), ends: formatDateTime(n.endsAt), count: n.entries })}
    />
  );
}

/** The newest public notices on the portal home, linking to the full list. */
export function LatestNotices({ empty }: { empty: string }) {
  const { t } = useTranslation();
  return (
    <LatestList
      queryKey={['public-notices', 'latest']}
      load={({ page, pageSize }) => noticesApi.publicList(page, pageSize)}
      empty={empty}
      testId="latest-notices"
      footer={(total) => total > 0 && <Link to="/portal/notices">{t('notices.all', { count: total })}</Link>}
      renderItem={(n) => <NoticeListItem notice={n} />}
    />
  );
}
