import { useQuery } from '@tanstack/react-query';
import { Alert, Empty, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client';
import { filingListsApi } from '../../api/filings';
import { formatDateTime } from '../../lib/format';

/** A space's filings (备案) with the list that gave each; shown on the space's page. */
export function SpaceFilings({ spaceId }: { spaceId: string }) {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: ['filings', spaceId], queryFn: () => filingListsApi.ofSpace(spaceId) });
  if (query.isError) return <Alert type="warning" showIcon title={errorMessage(query.error)} />;
  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('filingLists.spaceFilings')}
      </Typography.Title>
      <List
        size="small"
        loading={query.isLoading}
        dataSource={query.data?.items}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('filingLists.noSpaceFilings')} /> }}
        data-testid="space-filings"
        renderItem={(f) => (
          <List.Item>
            <List.Item.Meta
              title={
                <>
                  <Tag color="blue">{t(`filingLists.level.${f.level}`)}</Tag>
                  {f.status === 'active' ? <Tag color="green">{t('filingLists.filingActive')}</Tag> : <Tag color="red">{t('filingLists.filingCancelled')}</Tag>}
                  <Link to={`/portal/filing-lists/${f.list.id}`}>{f.list.title}</Link>
                </>
              }
              description={
                <>
                  {f.list.documentNumber} · {f.list.issuedOn} · {t('filingLists.filedAt', { at: formatDateTime(f.filedAt) })}
                  {f.cancelledReason && <div>{t('filingLists.cancelledBecause', { reason: f.cancelledReason, at: formatDateTime(f.cancelledAt) })}</div>}
                </>
              }
            />
          </List.Item>
        )}
      />
    </>
  );
}
