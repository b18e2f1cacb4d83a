import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Breadcrumb, Button, Card, Empty, Flex, List, Select, TreeSelect, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CALL_LEVELS, type CallLevel } from '../../api/calls';
import { CALL_STATES, type CallRegion, type CallState, portalApi } from '../../api/portal';
import { QueryError } from '../../components/QueryError';
import { oneOf, PAGE_SIZES, regionParam, useAddressFilters } from '../../components/useAddressFilters';
import { formatDateTime } from '../../lib/format';
import { CallTags } from './callParts';
import { PortalFrame } from './PortalFrame';
import { PortalListItem } from './PortalList';

interface RegionNode {
  value: string;
  title: string;
  children: RegionNode[];
}

/** The regions that issued calls as a tree (they come parents first, in path order). */
function regionTree(regions: CallRegion[]): RegionNode[] {
  const nodes = new Map(regions.map((r) => [r.code, { value: r.code, title: r.name, children: [] as RegionNode[] }]));
  const roots: RegionNode[] = [];
  for (const r of regions) {
    const node = nodes.get(r.code)!;
    const parent = r.parentCode ? nodes.get(r.parentCode) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

/**
 * 申报批次: every published call, open ones first, filtered by level, region and state. The filters and
 * the page live in the address, so a link shows the same list.
 */
export default function PublicCalls() {
  const { t } = useTranslation();
  const { params, page, pageSize, update, reset } = useAddressFilters();
  const level = oneOf(CALL_LEVELS, params.get('level'));
  const state = oneOf(CALL_STATES, params.get('state'));
  const region = regionParam(params.get('region'));
  const filtered = !!(level || state || region);

  const query = useQuery({
    queryKey: ['portal-calls', { level, state, region, page, pageSize }],
    queryFn: () => portalApi.calls({ level, state, region, page, pageSize }),
    placeholderData: keepPreviousData,
  });
  const regions = useQuery({ queryKey: ['portal-call-regions'], queryFn: portalApi.callRegions, staleTime: 5 * 60_000 });
  const tree = useMemo(() => regionTree(regions.data ?? []), [regions.data]);

  return (
    <PortalFrame>
      <Breadcrumb style={{ marginBottom: 16 }} items={[{ title: <Link to="/">{t('portal.nav.home')}</Link> }, { title: t('portal.calls') }]} />
      <Card
        title={
          <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
            {t('portal.calls')}
          </Typography.Title>
        }
        extra={<Typography.Text type="secondary">{t('portal.beijingTime')}</Typography.Text>}
      >
        <Flex wrap gap={12} style={{ marginBottom: 16 }} role="search">
          <Select<CallLevel>
            aria-label={t('portal.filter.level')}
            data-testid="filter-level"
            allowClear
            placeholder={t('portal.filter.allLevels')}
            value={level}
            onChange={(v) => update({ level: v })}
            options={CALL_LEVELS.map((l) => ({ value: l, label: t(`calls.level.${l}`) }))}
            style={{ width: 140 }}
          />
          <TreeSelect
            aria-label={t('portal.filter.region')}
            data-testid="filter-region"
            allowClear
            showSearch={{ treeNodeFilterProp: 'title' }}
            treeDefaultExpandAll
            placeholder={t('portal.filter.allRegions')}
            loading={regions.isLoading}
            value={region}
            onChange={(v?: string) => update({ region: v })}
            treeData={tree}
            style={{ width: 200 }}
          />
          <Select<CallState>
            aria-label={t('portal.filter.state')}
            data-testid="filter-state"
            allowClear
            placeholder={t('portal.filter.allStates')}
            value={state}
            onChange={(v) => update({ state: v })}
            options={CALL_STATES.map((s) => ({ value: s, label: t(`portal.state.${s}`) }))}
            style={{ width: 140 }}
          />
          {filtered && <Button onClick={reset}>{t('common.reset')}</Button>}
        </Flex>
        {query.isError ? (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <List
            data-testid="portal-calls"
            loading={query.isFetching}
            dataSource={query.data?.items}
            locale={{
              emptyText: (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={filtered ? t('portal.noMatchingCalls') : t('portal.noCalls')}>
                  {filtered && <Button onClick={reset}>{t('portal.clearFilters')}</Button>}
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
            renderItem={(c) => (
              <PortalListItem
                to={`/portal/calls/${c.id}`}
                title={c.title}
                tags={<CallTags level={c.level} state={c.state} />}
                description={
                  <Flex vertical gap={2}>
                    <span>{t('portal.callIssuer', { authority: c.authority.name, region: c.regionName })}</span>
                    <span>{t('portal.callPeriod', { opens: formatDateTime(c.opensAt), closes: formatDateTime(c.closesAt) })}</span>
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
