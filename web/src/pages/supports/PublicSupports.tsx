import { Breadcrumb, Card, Form, InputNumber, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { regionPath } from '../../api/registry';
import { formatYuan, type PublicSupport, type PublicSupportQuery, SUPPORT_CATEGORIES, supportsApi } from '../../api/supports';
import { PagedTable } from '../../components/PagedTable';
import { RegionCascader } from '../../components/RegionCascader';
import { OpenDataButtons } from '../../components/OpenDataButtons';
import { PortalFrame } from '../portal/PortalFrame';

/** The filter bar's values: the region as the cascader's path of codes. */
interface Filters {
  region?: string[];
  category?: PublicSupportQuery['category'];
  year?: number;
}
type Params = Pick<PublicSupportQuery, 'region' | 'category' | 'year' | 'spaceId' | 'grantorOrgId'>;
/** The filter bar's keys in the address; a space's or a department's link adds `spaceId` or `grantorOrgId`, kept as they are. */
const KEYS = ['region', 'category', 'year'] as const;

const paramsOf = (search: URLSearchParams): Params => ({
  region: /^\d{6}$/.test(search.get('region') ?? '') ? search.get('region')! : undefined,
  category: SUPPORT_CATEGORIES.find((c) => c === search.get('category')),
  year: Number(search.get('year')) || undefined,
  spaceId: search.get('spaceId') || undefined,
  grantorOrgId: search.get('grantorOrgId') || undefined,
});

/**
 * 扶持公示: every support a department published after its notice (004 §四.十四 扶持情况要上网公示),
 * filtered by region, category and year (a space's page links here with its space), with the same
 * selection as CSV or JSON. Organisations only: a 个体工商户 is neither named nor numbered.
 */
export default function PublicSupports() {
  const { t } = useTranslation();
  const [search] = useSearchParams();
  const { region, category, year, spaceId, grantorOrgId } = paramsOf(search);
  const selection = { region, category, year, spaceId, grantorOrgId };
  return (
    <PortalFrame>
      <Breadcrumb style={{ marginBottom: 16 }} items={[{ title: <Link to="/">{t('portal.nav.home')}</Link> }, { title: t('supports.public.title') }]} />
      <Card
        title={
          <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
            {t('supports.public.title')}
          </Typography.Title>
        }
        extra={<OpenDataButtons href={(format) => supportsApi.exportUrl({ ...selection, format })} testId="supports-export" />}
      >
        <Typography.Paragraph type="secondary">{t('supports.public.intro')}</Typography.Paragraph>
        {(spaceId || grantorOrgId) && (
          <Typography.Paragraph data-testid="supports-narrowed">
            {t('supports.public.narrowed')} <Link to="/portal/supports">{t('supports.public.showAll')}</Link>
          </Typography.Paragraph>
        )}
        <PagedTable<PublicSupport, Filters>
          queryKey="public-supports"
          list={(q) => supportsApi.published(q)}
          fixed={{ spaceId, grantorOrgId }}
          rowKey="id"
          emptyText={t('supports.public.empty')}
          inUrl={{
            keys: KEYS,
            toParams: (v) => ({ region: v.region?.at(-1), category: v.category, year: v.year ? String(v.year) : undefined }),
            fromParams: (p) => ({ region: p.region ? regionPath(p.region) : undefined, category: SUPPORT_CATEGORIES.find((c) => c === p.category), year: Number(p.year) || undefined }),
          }}
          toQuery={(v) => ({ region: v.region?.at(-1), category: v.category, year: v.year })}
          filters={
            <>
              <Form.Item name="region" style={{ width: 220 }}>
                <RegionCascader />
              </Form.Item>
              <Form.Item name="category">
                <Select allowClear placeholder={t('supports.filter.category')} style={{ width: 130 }} options={SUPPORT_CATEGORIES.map((c) => ({ value: c, label: t(`policies.category.${c}`) }))} />
              </Form.Item>
              <Form.Item name="year">
                <InputNumber placeholder={t('supports.filter.year')} min={1949} max={2100} style={{ width: 110 }} />
              </Form.Item>
            </>
          }
          columns={[
            { title: t('supports.field.beneficiary'), key: 'beneficiaryName', sorter: true, render: (_, r) => r.beneficiary.name },
            { title: t('supports.field.uscc'), key: 'uscc', render: (_, r) => r.beneficiary.uscc ?? '—' },
            {
              title: t('supports.field.space'),
              key: 'space',
              render: (_, r) => (
                <Link to={`/portal/spaces/${r.space.id}`}>
                  {r.space.name}
                </Link>
              ),
            },
            { title: t('supports.field.region'), key: 'region', dataIndex: 'regionName' },
            { title: t('supports.field.grantor'), key: 'grantor', dataIndex: 'grantorName' },
            {
              title: t('supports.field.basis'),
              key: 'basis',
              render: (_, r) =>
                r.policy ? (
                  <Space orientation="vertical" size={0}>
                    <Link to={`/portal/policies/${r.policy.id}`}>{r.policy.docNo ?? r.policy.title}</Link>
                    {r.supportItemTitle && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.supportItemTitle}</Typography.Text>}
                  </Space>
                ) : (
                  '—'
                ),
            },
            { title: t('supports.field.category'), key: 'category', render: (_, r) => t(`policies.category.${r.category}`) },
            { title: t('supports.field.project'), key: 'project', dataIndex: 'projectTitle' },
            { title: t('supports.field.period'), key: 'period', render: (_, r) => `${r.periodFrom} ~ ${r.periodTo}` },
            { title: t('supports.field.amount'), key: 'amountYuan', sorter: true, align: 'right', render: (_, r) => formatYuan(r.amountYuan) },
            { title: t('supports.field.grantedOn'), key: 'grantedOn', dataIndex: 'grantedOn', sorter: true },
          ]}
        />
      </Card>
    </PortalFrame>
  );
}
