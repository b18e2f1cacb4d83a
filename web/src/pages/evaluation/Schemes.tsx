import { Alert, Card, Form, InputNumber, Select, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { evaluationApi, type SchemeSummary } from '../../api/evaluation';
import { SPACE_CATEGORIES } from '../../api/criteria';
import { PagedTable } from '../../components/PagedTable';
import { RegionCascader } from '../../components/RegionCascader';
import { formatDateTime } from '../../lib/format';
import { LIST_KEY, SchemeStatus } from './parts';

interface Filters {
  region?: string[];
  year?: number;
  category?: SchemeSummary['category'];
  status?: SchemeSummary['status'];
}
const KEYS = ['regionCode', 'year', 'category', 'status'] as const;

/** 评价方案: the published schemes on the user's jurisdiction line and the drafts within it; an evaluating authority clones one to draft its own. */
export default function Schemes() {
  const { t } = useTranslation();
  return (
    <Card title={t('evaluation.title')}>
      <Alert type="info" showIcon title={t('evaluation.intro')} style={{ marginBottom: 16 }} />
      <PagedTable<SchemeSummary, Filters>
        queryKey={LIST_KEY}
        list={evaluationApi.list}
        rowKey="id"
        emptyText={t('evaluation.empty')}
        inUrl={{
          keys: KEYS,
          toParams: ({ region, year, category, status }) => ({ regionCode: region?.at(-1), year: year ? String(year) : undefined, category, status }),
          fromParams: (p) => ({
            // The cascader takes a path; the last code is all the address keeps, which the picker shows as typed.
            region: p.regionCode ? [p.regionCode] : undefined,
            year: p.year ? Number(p.year) : undefined,
            category: p.category as Filters['category'],
            status: p.status as Filters['status'],
          }),
        }}
        toQuery={({ region, year, category, status }) => ({ regionCode: region?.at(-1), year, category, status })}
        filters={
          <>
            <Form.Item name="region" label={t('evaluation.region')}>
              <RegionCascader />
            </Form.Item>
            <Form.Item name="year" label={t('evaluation.year')}>
              <InputNumber min={2015} max={2100} style={{ width: 100 }} placeholder="2026" />
            </Form.Item>
            <Form.Item name="category" label={t('evaluation.category')}>
              <Select allowClear style={{ width: 140 }} options={SPACE_CATEGORIES.map((c) => ({ value: c, label: t(`evaluation.categoryValue.${c}`) }))} />
            </Form.Item>
            <Form.Item name="status" label={t('evaluation.status')}>
              <Select allowClear style={{ width: 110 }} options={(['published', 'draft'] as const).map((s) => ({ value: s, label: t(`evaluation.statusValue.${s}`) }))} />
            </Form.Item>
          </>
        }
        columns={[
          {
            title: t('evaluation.name'),
            dataIndex: 'title',
            render: (title: string, r) => (
              <div style={{ maxWidth: 380 }}>
                <Link to={`/app/evaluation/${r.id}`}>{title}</Link>
              </div>
            ),
          },
          { title: t('evaluation.region'), key: 'region', sorter: true, dataIndex: 'regionName' },
          { title: t('evaluation.year'), key: 'year', sorter: true, dataIndex: 'year' },
          { title: t('evaluation.category'), dataIndex: 'category', render: (c: SchemeSummary['category']) => <Tag>{t(`evaluation.categoryValue.${c}`)}</Tag> },
          { title: t('evaluation.status'), render: (_, r) => <SchemeStatus s={r} /> },
          { title: t('evaluation.origin'), dataIndex: 'shipped', render: (shipped: boolean) => (shipped ? t('evaluation.shipped') : t('evaluation.own')) },
          { title: t('evaluation.updatedAt'), key: 'updatedAt', sorter: true, render: (_, r) => formatDateTime(r.publishedAt ?? r.updatedAt) },
        ]}
      />
    </Card>
  );
}
