import { useQuery } from '@tanstack/react-query';
import { Alert, Empty, Flex, List } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client';
import { noticesApi } from '../../api/notices';
import { formatDateTime } from '../../lib/format';
import { NoticeStatusTag } from '../notices/parts';

/** The newest public notices on the portal home, linking to the full list. */
export function LatestNotices({ empty }: { empty: string }) {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: ['public-notices', 'latest'], queryFn: () => noticesApi.publicList(1, 5) });
  if (query.isError) return <Alert type="warning" showIcon title={errorMessage(query.error)} />;
  if (query.data && query.data.items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />;
  return (
    <List
      loading={query.isLoading}
      dataSource={query.data?.items}
      footer={query.data && query.data.total > 0 && <Link to="/portal/notices">{t('notices.all', { count: query.data.total })}</Link>}
      renderItem={(n) => (
        <List.Item>
          <List.Item.Meta
            title={
              <Flex gap={8} wrap align="center">
                <Link to={`/portal/notices/${n.id}`}>{n.title}</Link>
                <NoticeStatusTag notice={n} />
              </Flex>
            }
            description={t('notices.publicLine', { authority: n.authority.name, starts: formatDateTime(n.startsAt), ends: formatDateTime(n.endsAt), count: n.entries })}
          />
        </List.Item>
      )}
    />
  );
}
