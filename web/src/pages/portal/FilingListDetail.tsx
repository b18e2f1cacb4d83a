import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Empty, Flex, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { filingListsApi, type PublicListEntry } from '../../api/filings';
import { spacesiteApi } from '../../api/spacesite';
import { QueryError } from '../../components/QueryError';
import { PortalFrame } from './PortalFrame';

/** One published list as it stands now: entries struck out by a reversal or a fraud finding keep their reason. */
export default function FilingListDetail() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const query = useQuery({ queryKey: ['public-filing-list', id], queryFn: () => filingListsApi.get(id) });
  const list = query.data;
  return (
    <PortalFrame>
      <Typography.Paragraph>
        <Link to="/portal/filing-lists">{t('filingLists.back')}</Link>
      </Typography.Paragraph>
      {query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Card
          loading={query.isLoading}
          title={<h1 style={{ fontSize: 20, margin: 0 }}>{list?.title}</h1>}
          extra={
            list && (
              <Flex gap={8}>
                <Button size="small" href={spacesiteApi.filingListExportUrl(list.id, 'csv')}>
                  {t('spacesite.directory.exportCsv')}
                </Button>
                <Button size="small" href={spacesiteApi.filingListExportUrl(list.id, 'json')}>
                  {t('spacesite.directory.exportJson')}
                </Button>
              </Flex>
            )
          }
        >
          {list && (
            <>
              <Descriptions column={{ xs: 1, md: 2 }} style={{ marginBottom: 16 }}>
                <Descriptions.Item label={t('filingLists.authority')}>{list.authority}</Descriptions.Item>
                <Descriptions.Item label={t('filingLists.documentNumber')}>{list.documentNumber}</Descriptions.Item>
                <Descriptions.Item label={t('filingLists.issuedOn')}>{list.issuedOn}</Descriptions.Item>
                <Descriptions.Item label={t('filingLists.kindLabel')}>
                  {t(`filingLists.kind.${list.kind}`)} · {t(`filingLists.level.${list.level}`)}
                </Descriptions.Item>
              </Descriptions>
              <Table<PublicListEntry>
                rowKey="id"
                dataSource={list.entries}
                pagination={false}
                // On a phone the table scrolls inside its card instead of widening the page.
                scroll={{ x: 'max-content' }}
                onRow={() => ({ 'data-testid': 'filing-list-entry' }) as object}
                locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('filingLists.noEntries')} /> }}
                columns={[
                  { title: t('filingLists.index'), key: 'index', width: 64, render: (_, _e, i) => i + 1 },
                  { title: t('filingLists.spaceName'), dataIndex: 'spaceName', render: (n: string, e) => (e.status === 'removed' ? <Typography.Text delete>{n}</Typography.Text> : n) },
                  { title: t('filingLists.operatorName'), dataIndex: 'operatorName' },
                  { title: t('filingLists.regionName'), dataIndex: 'regionName' },
                  {
                    title: t('filingLists.entryStatus'),
                    key: 'status',
                    render: (_, e) =>
                      e.status === 'listed' ? (
                        <Tag color="green">{t('filingLists.listed')}</Tag>
                      ) : (
                        <>
                          <Tag color="red">{t('filingLists.removed')}</Tag>
                          {e.removedReason}
                        </>
                      ),
                  },
                ]}
              />
            </>
          )}
        </Card>
      )}
    </PortalFrame>
  );
}
