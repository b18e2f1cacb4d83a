import { useQuery } from '@tanstack/react-query';
import { Alert, Empty, Flex, List, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client';
import { filingListsApi } from '../../api/filings';

/** The newest published lists on the portal home, linking to all of them. */
export function LatestFilingLists({ empty }: { empty: string }) {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: ['public-filing-lists', 'latest'], queryFn: () => filingListsApi.list({ page: 1, pageSize: 5 }) });
  if (query.isError) return <Alert type="warning" showIcon title={errorMessage(query.error)} />;
  if (query.data && query.data.items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />;
  return (
    <List
      loading={query.isLoading}
      dataSource={query.data?.items}
      footer={query.data && query.data.total > 0 && <Link to="/portal/filing-lists">{t('filingLists.all', { count: query.data.total })}</Link>}
      renderItem={(l) => (
        <List.Item>
          <List.Item.Meta
            title={
              <Flex gap={8} wrap align="center">
                <Link to={`/portal/filing-lists/${l.id}`}>{l.title}</Link>
                <Tag color={l.kind === 'filing' ? 'green' : 'blue'}>{t(`filingLists.kind.${l.kind}`)}</Tag>
              </Flex>
            }
            description={t('filingLists.line', { authority: l.authority, documentNumber: l.documentNumber, issuedOn: l.issuedOn, count: l.entryCount })}
          />
        </List.Item>
      )}
    />
  );
}
