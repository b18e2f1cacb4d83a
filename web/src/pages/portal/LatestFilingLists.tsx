import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { filingListsApi } from '../../api/filings';
import { LatestList, PortalListItem } from './PortalList';

/** The newest published lists on the portal home, linking to all of them. */
export function LatestFilingLists({ empty }: { empty: string }) {
  const { t } = useTranslation();
  return (
    <LatestList
      queryKey={['public-filing-lists', 'latest']}
      load={filingListsApi.list}
      empty={empty}
      testId="latest-filing-lists"
      footer={(total) => <Link to="/portal/filing-lists">{t('filingLists.all', { count: total })}</Link>}
      renderItem={(l) => (
        <PortalListItem
          to={`/portal/filing-lists/${l.id}`}
          title={l.title}
          tags={<Tag color={l.kind === 'filing' ? 'green' : 'blue'}>{t(`filingLists.kind.${l.kind}`)}</Tag>}
          description={t('filingLists.line', { authority: l.authority, documentNumber: l.documentNumber, issuedOn: l.issuedOn, count: l.entryCount })}
        />
      )}
    />
  );
}
