import { useQuery } from '@tanstack/react-query';
import { Alert, Empty, Flex, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client';
import { portalApi } from '../../api/portal';
import { formatDateTime } from '../../lib/format';
import { CallStateTag } from './callParts';

/** The calls on the portal home, open ones first, each opening its public page; links the full list. */
export function LatestCalls({ empty }: { empty: string }) {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: ['portal-calls', 'latest'], queryFn: () => portalApi.calls({ page: 1, pageSize: 5 }) });
  if (query.isError) return <Alert type="warning" showIcon title={errorMessage(query.error)} />;
  if (query.data && query.data.items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />;
  return (
    <List
      loading={query.isLoading}
      dataSource={query.data?.items}
      data-testid="public-calls"
      footer={
        query.data && (
          <Flex justify="space-between" wrap gap={8}>
            <Link to="/portal/calls">{t('portal.allCalls', { count: query.data.total })}</Link>
            <Typography.Text type="secondary">{t('portal.beijingTime')}</Typography.Text>
          </Flex>
        )
      }
      renderItem={(c) => (
        <List.Item>
          <List.Item.Meta
            title={
              <Flex gap={8} wrap align="center">
                <Link to={`/portal/calls/${c.id}`}>{c.title}</Link>
                <Tag color="blue">{t(`calls.level.${c.level}`)}</Tag>
                <CallStateTag state={c.state} />
              </Flex>
            }
            description={t('portal.callWindow', { authority: c.authority.name, opens: formatDateTime(c.opensAt), closes: formatDateTime(c.closesAt) })}
          />
        </List.Item>
      )}
    />
  );
}
