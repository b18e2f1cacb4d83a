import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Breadcrumb, Button, Card, Empty, Flex, Input, InputNumber, List, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { POLICY_KINDS, POLICY_LEVELS, POLICY_SORTS, POLICY_THEMES, POLICY_VALIDITIES, policiesApi } from '../../api/policies';
import { QueryError } from '../../components/QueryError';
import { oneOf, PAGE_SIZES, regionParam, useAddressFilters } from '../../components/useAddressFilters';
import { RegionCascader } from '../../components/RegionCascader';
import { OpenDataButtons } from '../../components/OpenDataButtons';
import { PortalFrame } from '../portal/PortalFrame';
import { PortalListItem } from '../portal/PortalList';
import { issuedLine, PolicyTags } from './parts';

/**
 * 政策文件库: every published policy and interpretation, searched in Chinese (a substring of the title,
 * 发文字号, 主题词 or text) and filtered by kind, level, region, theme, validity and year. The search
 * lives in the address, so a link shows the same list.
 */
export default function PublicPolicies() {
  const { t } = useTranslation();
  const { params, page, pageSize, update, reset } = useAddressFilters();
  const q = params.get('q')?.trim() || undefined;
  const kind = oneOf(POLICY_KINDS, params.get('kind'));
  const level = oneOf(POLICY_LEVELS, params.get('level'));
  const theme = oneOf(POLICY_THEMES, params.get('theme'));
  const validity = oneOf(POLICY_VALIDITIES, params.get('validity'));
  const sort = oneOf(POLICY_SORTS, params.get('sort'));
  const region = regionParam(params.get('region'));
  const yearText = params.get('year');
  const year = yearText && /^\d{4}$/.test(yearText) ? Number(yearText) : undefined;
  const filtered = !!(q || kind || level || theme || validity || region || year || sort);

  // The list and its open-data export read the same selection.
  const selection = { q, kind, level, theme, validity, region, year, sort, order: sort && sort !== 'title' ? ('desc' as const) : undefined };
  const query = useQuery({
    queryKey: ['public-policies', { ...selection, page, pageSize }],
    queryFn: () => policiesApi.search({ ...selection, page, pageSize }),
    placeholderData: keepPreviousData,
  });

  return (
    <PortalFrame>
      <Breadcrumb style={{ marginBottom: 16 }} items={[{ title: <Link to="/">{t('portal.nav.home')}</Link> }, { title: t('policies.library') }]} />
      <Card
        title={
          <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
            {t('policies.library')}
          </Typography.Title>
        }
        extra={<OpenDataButtons href={(format) => policiesApi.exportUrl({ ...selection, format })} testId="policies-export" />}
      >
        <div role="search">
          <Input.Search
            key={q ?? ''}
            data-testid="policy-search"
            aria-label={t('policies.search')}
            placeholder={t('policies.searchPlaceholder')}
            defaultValue={q}
            enterButton={t('policies.search')}
            allowClear
            maxLength={100}
            onSearch={(v) => update({ q: v.trim() || undefined })}
            style={{ marginBottom: 12 }}
          />
          <Flex wrap gap={12} style={{ marginBottom: 16 }}>
            <Select aria-label={t('policies.filter.kind')} allowClear placeholder={t('policies.filter.allKinds')} value={kind} onChange={(v) => update({ kind: v })} options={POLICY_KINDS.map((k) => ({ value: k, label: t(`policies.kind.${k}`) }))} style={{ width: 130 }} />
            <Select aria-label={t('policies.filter.level')} allowClear placeholder={t('policies.filter.allLevels')} value={level} onChange={(v) => update({ level: v })} options={POLICY_LEVELS.map((l) => ({ value: l, label: t(`policies.level.${l}`) }))} style={{ width: 130 }} />
            <div style={{ width: 220 }} aria-label={t('policies.filter.region')}>
              <RegionCascader value={region ? [region] : undefined} onChange={(v) => update({ region: v?.at(-1) })} />
            </div>
            <Select aria-label={t('policies.filter.theme')} allowClear placeholder={t('policies.filter.allThemes')} value={theme} onChange={(v) => update({ theme: v })} options={POLICY_THEMES.map((x) => ({ value: x, label: t(`policies.theme.${x}`) }))} style={{ width: 140 }} />
            <Select aria-label={t('policies.filter.validity')} data-testid="filter-validity" allowClear placeholder={t('policies.filter.allValidities')} value={validity} onChange={(v) => update({ validity: v })} options={POLICY_VALIDITIES.map((x) => ({ value: x, label: t(`policies.validity.${x}`) }))} style={{ width: 130 }} />
            <InputNumber aria-label={t('policies.filter.year')} placeholder={t('policies.filter.allYears')} min={1949} max={2100} value={year ?? null} onChange={(v) => update({ year: v ?? undefined })} style={{ width: 120 }} />
            <Select aria-label={t('policies.filter.sort')} allowClear placeholder={t('policies.filter.sort')} value={sort} onChange={(v) => update({ sort: v })} options={POLICY_SORTS.map((x) => ({ value: x, label: t(`policies.sort.${x}`) }))} style={{ width: 130 }} />
            {filtered && <Button onClick={reset}>{t('common.reset')}</Button>}
          </Flex>
        </div>
        {query.isError ? (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <List
            data-testid="policy-results"
            loading={query.isLoading}
            dataSource={query.data?.items}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={filtered ? t('policies.noMatching') : t('portal.noPolicies')} /> }}
            header={query.data && <Typography.Text type="secondary">{t('policies.results', { count: query.data.total })}</Typography.Text>}
            pagination={
              query.data && query.data.total > pageSize
                ? { current: page, pageSize, total: query.data.total, showSizeChanger: true, pageSizeOptions: PAGE_SIZES, onChange: (p, s) => update({ page: p, pageSize: s }) }
                : false
            }
            renderItem={(p) => <PortalListItem to={`/portal/policies/${p.id}`} title={p.title} tags={<PolicyTags p={p} />} description={`${issuedLine(p)} · ${p.regionName}`} />}
          />
        )}
      </Card>
    </PortalFrame>
  );
}
