import { Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { portalApi } from '../../api/portal';
import { formatDateTime } from '../../lib/format';
import { CallTags } from './callParts';
import { LatestList, PortalListItem } from './PortalList';

/** The calls on the portal home, open ones first, each opening its public page; links the full list. */
export function LatestCalls({ empty }: { empty: string }) {
  const { t } = useTranslation();
  return (
    <LatestList
      queryKey={['portal-calls', 'latest']}
      load={portalApi.calls}
      empty={empty}
      testId="public-calls"
      footer={(total) => (
        <Flex justify="space-between" wrap gap={8}>
          <Link to="/portal/calls">{t('portal.allCalls', { count: total })}</Link>
          <Typography.Text type="secondary">{t('portal.beijingTime')}</Typography.Text>
        </Flex>
      )}
      renderItem={(c) => (
        <PortalListItem
          to={`/portal/calls/${c.id}`}
          title={c.title}
          tags={<CallTags level={c.level} state={c.state} />}
          description={t('portal.callWindow', { authority: c.authority.name, opens: formatDateTime(c.opensAt), closes: formatDateTime(c.closesAt) })}
        />
      )}
    />
  );
}
