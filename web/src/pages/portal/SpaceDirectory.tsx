import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Breadcrumb, Button, Card, Cascader, Empty, Flex, Input, List, Select, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { SERVICE_KINDS } from '../../api/services';
import { DIRECTORY_SORTS, FILING_LEVELS, KEY_INDUSTRIES, SPACE_CATEGORIES, spacesiteApi, type DirectoryQuery, type DirectoryRegion } from '../../api/spacesite';
import { QueryError } from '../../components/QueryError';
import { oneOf, PAGE_SIZES, regionParam, useAddressFilters } from '../../components/useAddressFilters';
import { shanghaiDay } from '../../lib/format';
import { PortalFrame } from './PortalFrame';
import { PortalListItem } from './PortalList';

interface RegionOption {
  value: string;
  label: string;
  children?: RegionOption[];
}

/** The regions holding filed spaces as a cascader tree (they come parents first, in path order). */
function regionOptions(regions: DirectoryRegion[]): RegionOption[] {
  const nodes = new Map(regions.map((r) => [r.code, { value: r.code, label: r.name } as RegionOption]));
  const roots: RegionOption[] = [];
  for (const r of regions) {
    const node = nodes.get(r.code)!;
    const parent = r.parentCode ? nodes.get(r.parentCode) : undefined;
    if (parent) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  return roots;
}

/** The path of codes from a root to `code`, for the cascader's value. */
function pathTo(regions: DirectoryRegion[], code: string | undefined): string[] {
  const byCode = new Map(regions.map((r) => [r.code, r]));
  const out: string[] = [];
  for (let r = code ? byCode.get(code) : undefined; r; r = r.parentCode ? byCode.get(r.parentCode) : undefined) out.unshift(r.code);
  return out;
}

/**
 * 众创空间名录: every filed space, searchable by keyword, region (cascader over the region tree), filing
 * level, category, key field and service kind; the filters and the page live in the address, and the
 * same filters export the list as a spreadsheet or open data.
 */
export default function SpaceDirectory() {
  const { t } = useTranslation();
  const { params, page, pageSize, update, reset } = useAddressFilters();
  const q = params.get('q')?.trim() || undefined;
  const region = regionParam(params.get('region'));
  const level = oneOf(FILING_LEVELS, params.get('level'));
  const category = oneOf(SPACE_CATEGORIES, params.get('category'));
  const industry = oneOf(KEY_INDUSTRIES, params.get('industry'));
  const serviceKind = oneOf(SERVICE_KINDS, params.get('serviceKind'));
  const sort = oneOf(DIRECTORY_SORTS, params.get('sort'));
  const filters: Omit<DirectoryQuery, 'page' | 'pageSize'> = { q, region, level, category, industry, serviceKind, sort, order: sort === 'level' || sort === 'filedAt' ? 'desc' : undefined };
  const filtered = !!(q || region || level || category || industry || serviceKind);

  const query = useQuery({ queryKey: ['portal-spaces', filters, page, pageSize], queryFn: () => spacesiteApi.directory({ ...filters, page, pageSize }), placeholderData: keepPreviousData });
  const regions = useQuery({ queryKey: ['portal-space-regions'], queryFn: spacesiteApi.regions, staleTime: 5 * 60_000 });
  const options = useMemo(() => regionOptions(regions.data ?? []), [regions.data]);

  return (
    <PortalFrame>
      <Breadcrumb style={{ marginBottom: 16 }} items={[{ title: <Link to="/">{t('portal.nav.home')}</Link> }, { title: t('spacesite.directory.title') }]} />
      <Card
        title={
          <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
            {t('spacesite.directory.title')}
          </Typography.Title>
        }
        extra={
          <Flex gap={8}>
            <Button href={spacesiteApi.exportUrl(filters, 'csv')} data-testid="export-csv">
              {t('spacesite.directory.exportCsv')}
            </Button>
            <Button href={spacesiteApi.exportUrl(filters, 'json')}>{t('spacesite.directory.exportJson')}</Button>
          </Flex>
        }
      >
        <Typography.Paragraph type="secondary">{t('spacesite.directory.intro')}</Typography.Paragraph>
        <Flex wrap gap={12} style={{ marginBottom: 16 }} role="search">
          <Input.Search
            aria-label={t('spacesite.directory.search')}
            placeholder={t('spacesite.directory.search')}
            defaultValue={q}
            key={q ?? ''}
            allowClear
            onSearch={(v) => update({ q: v.trim() || undefined })}
            style={{ width: 240 }}
          />
          <Cascader<RegionOption>
            aria-label={t('portal.filter.region')}
            data-testid="filter-region"
            changeOnSelect
            showSearch
            placeholder={t('spacesite.directory.allRegions')}
            options={options}
            value={pathTo(regions.data ?? [], region)}
            onChange={(path) => update({ region: path?.length ? String(path[path.length - 1]) : undefined })}
            style={{ width: 220 }}
          />
          <Select
            aria-label={t('portal.filter.level')}
            data-testid="filter-level"
            allowClear
            placeholder={t('spacesite.directory.allLevels')}
            value={level}
            onChange={(v) => update({ level: v })}
            options={FILING_LEVELS.map((l) => ({ value: l, label: t(`calls.level.${l}`) }))}
            style={{ width: 120 }}
          />
          <Select
            aria-label={t('spacesite.page.category')}
            allowClear
            placeholder={t('spacesite.directory.allCategories')}
            value={category}
            onChange={(v) => update({ category: v })}
            options={SPACE_CATEGORIES.map((c) => ({ value: c, label: t(`spacesite.category.${c}`) }))}
            style={{ width: 160 }}
          />
          <Select
            aria-label={t('spacesite.page.industry')}
            allowClear
            placeholder={t('spacesite.directory.allIndustries')}
            value={industry}
            onChange={(v) => update({ industry: v })}
            options={KEY_INDUSTRIES.map((i) => ({ value: i, label: t(`spaces.industries.${i}`) }))}
            style={{ width: 150 }}
          />
          <Select
            aria-label={t('spacesite.page.services')}
            allowClear
            placeholder={t('spacesite.directory.allServices')}
            value={serviceKind}
            onChange={(v) => update({ serviceKind: v })}
            options={SERVICE_KINDS.map((k) => ({ value: k, label: t(`services.kinds.${k}`) }))}
            style={{ width: 160 }}
          />
          <Select
            aria-label={t('spacesite.directory.sort')}
            value={sort ?? 'level'}
            onChange={(v) => update({ sort: v === 'level' ? undefined : v })}
            options={DIRECTORY_SORTS.map((s) => ({ value: s, label: t(`spacesite.directory.sorts.${s}`) }))}
            style={{ width: 140 }}
          />
          {filtered && <Button onClick={reset}>{t('common.reset')}</Button>}
        </Flex>
        {query.isError ? (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <List
            data-testid="space-directory"
            loading={query.isFetching}
            dataSource={query.data?.items}
            locale={{
              emptyText: (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={filtered ? t('spacesite.directory.noMatch') : t('spacesite.directory.empty')}>
                  {filtered && <Button onClick={reset}>{t('spacesite.directory.clearFilters')}</Button>}
                </Empty>
              ),
            }}
            pagination={{
              current: page,
              pageSize,
              total: query.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: PAGE_SIZES,
              showTotal: (total) => t('common.total', { total }),
              onChange: (p, size) => update({ page: p === 1 ? undefined : p, pageSize: size === 10 ? undefined : size }),
            }}
            renderItem={(s) => (
              <PortalListItem
                to={`/portal/spaces/${s.id}`}
                title={s.name}
                tags={
                  <>
                    {s.levels.map((l) => (
                      <Tag key={l} color={l === 'national' ? 'red' : l === 'province' ? 'orange' : 'blue'}>
                        {t(`calls.level.${l}`)}
                      </Tag>
                    ))}
                    <Tag>{t(`spacesite.category.${s.category}`)}</Tag>
                  </>
                }
                description={
                  <Flex vertical gap={2}>
                    <span>
                      {t(`spaces.industries.${s.industry}`)}
                      {s.subField ? ` · ${s.subField}` : ''}
                    </span>
                    <span>
                      {t('spacesite.directory.region', { region: s.regionName })} · {t('spacesite.directory.operator', { name: s.operatorName })} ·{' '}
                      {t('spacesite.directory.firstFiled', { date: shanghaiDay(s.firstFiledAt) })}
                    </span>
                    {s.serviceKinds.length > 0 && <span>{t('spacesite.directory.services', { kinds: s.serviceKinds.map((k) => t(`services.kinds.${k}`)).join('、') })}</span>}
                  </Flex>
                }
              />
            )}
          />
        )}
      </Card>
    </PortalFrame>
  );
}
