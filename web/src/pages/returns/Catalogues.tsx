import { useQuery } from '@tanstack/react-query';
import { Button, Card, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { type CatalogueVersion, returnsApi } from '../../api/returns';
import { QueryError } from '../../components/QueryError';
import { useAction } from '../../components/useAction';
import { formatDateTime } from '../../lib/format';

export const CATALOGUES_KEY = 'returns.catalogues';

export function CatalogueStatus({ c }: { c: Pick<CatalogueVersion, 'status' | 'version'> }) {
  const { t } = useTranslation();
  return c.status === 'published' ? <Tag color="green">{t('returns.catalogues.published', { version: c.version })}</Tag> : <Tag color="gold">{t('returns.catalogues.draft')}</Tag>;
}

/** 统计指标目录: the published versions of every survey year and the drafts of the user's province; a province clones one to draft the next. */
export default function Catalogues() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const list = useQuery({ queryKey: [CATALOGUES_KEY], queryFn: returnsApi.catalogues });
  const clone = useAction(
    (c: CatalogueVersion) => returnsApi.cloneCatalogue(c.id, { year: c.year + 1 }),
    [[CATALOGUES_KEY]],
    (r) => {
      void navigate(`/app/return-catalogues/${r.id}`);
      return t('returns.catalogues.cloned', { name: r.name });
    },
  );
  if (list.isError) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <Card title={t('returns.catalogues.title')}>
      <Table<CatalogueVersion>
        rowKey="id"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        pagination={false}
        columns={[
          { title: t('returns.catalogues.name'), render: (_, c) => <Link to={`/app/return-catalogues/${c.id}`}>{c.name}</Link> },
          { title: t('returns.catalogues.year'), dataIndex: 'year' },
          { title: t('returns.status'), render: (_, c) => <CatalogueStatus c={c} /> },
          { title: t('returns.catalogues.owner'), dataIndex: 'ownerName', render: (o: string | null) => o ?? t('returns.catalogues.shipped') },
          { title: t('returns.catalogues.updatedAt'), render: (_, c) => formatDateTime(c.publishedAt ?? c.updatedAt) },
          {
            title: '',
            render: (_, c) =>
              c.abilities.clone && (
                <Button size="small" loading={clone.isPending && clone.variables?.id === c.id} onClick={() => clone.mutate(c)}>
                  {t('returns.catalogues.clone', { year: c.year + 1 })}
                </Button>
              ),
          },
        ]}
      />
    </Card>
  );
}
