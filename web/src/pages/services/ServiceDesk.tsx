import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Select, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { spaceOrdersXlsx } from '../../api/platformStats';
import { registryApi } from '../../api/registry';
import { formatFen, type Order, type OrderQuery, ORDER_STATES, SERVICE_KINDS, type Service, serviceKeys, servicesApi } from '../../api/services';
import { PagedTable } from '../../components/PagedTable';
import { formatDateTime } from '../../lib/format';
import { OrderActions, OrderDrawer, OrderStateTag } from './OrderActions';
import { ServiceDrawer } from './ServiceDrawer';

type OrderFilters = Omit<OrderQuery, 'page' | 'pageSize' | 'sort' | 'order'>;
type CatalogueFilters = { spaceId?: string; kind?: Service['kind']; q?: string };

/**
 * 服务目录与订单: an operator's order queue (filtered by state, with the moves the server allows on
 * each order) and its spaces' catalogues (add, edit, list and unlist services).
 */
export default function ServiceDesk() {
  const { t } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const tab = search.get('tab') === 'catalogue' ? 'catalogue' : 'orders';
  const spaces = useQuery({ queryKey: ['services-spaces'], queryFn: () => registryApi.spaces({ pageSize: 100 }) });
  const spaceOptions = (spaces.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }));
  const unfiled = (spaces.data?.items ?? []).filter((s) => !s.filed).map((s) => s.name);
  const [counts, setCounts] = useState<Record<string, number>>({});
  const [openOrder, setOpenOrder] = useState<string>();
  const [drawer, setDrawer] = useState<{ editing?: Service } | null>(null);
  const catalogueSpace = search.get('spaceId') || (spaceOptions.length === 1 ? spaceOptions[0]!.value : undefined);

  const orders = (
    <PagedTable<Order, OrderFilters, Awaited<ReturnType<typeof servicesApi.queue>>>
      queryKey={serviceKeys.queue}
      list={servicesApi.queue}
      onData={(d) => setCounts(d.stateCounts)}
      inUrl={{
        keys: ['spaceId', 'state', 'kind', 'q'],
        toParams: (v) => ({ spaceId: v.spaceId, state: v.state, kind: v.kind, q: v.q?.trim() || undefined }),
        fromParams: (p) => ({ spaceId: p.spaceId, state: p.state as OrderFilters['state'], kind: p.kind as OrderFilters['kind'], q: p.q }),
      }}
      rowKey="id"
      emptyText={t('services.emptyQueue')}
      filters={
        <>
          <Form.Item name="spaceId">
            <Select allowClear placeholder={t('services.allSpaces')} options={spaceOptions} style={{ width: 220 }} />
          </Form.Item>
          <Form.Item name="state">
            <Select allowClear placeholder={t('services.allStates')} style={{ width: 140 }} options={ORDER_STATES.map((s) => ({ value: s, label: t(`services.states.${s}`) }))} data-testid="queue-state" />
          </Form.Item>
          <Form.Item name="kind">
            <Select allowClear placeholder={t('services.allKinds')} style={{ width: 160 }} options={SERVICE_KINDS.map((k) => ({ value: k, label: t(`services.kinds.${k}`) }))} />
          </Form.Item>
          <Form.Item name="q">
            <Input allowClear placeholder={t('services.searchOrders')} style={{ width: 220 }} />
          </Form.Item>
        </>
      }
      toQuery={(v) => ({ spaceId: v.spaceId, state: v.state, kind: v.kind, q: v.q })}
      toolbar={<Typography.Text type="secondary">{t('services.order.counts', { requested: counts.requested ?? 0, quoted: counts.quoted ?? 0, accepted: counts.accepted ?? 0 })}</Typography.Text>}
      columns={[
        { title: t('services.col.service'), key: 'service', sorter: true, render: (_, r) => <a onClick={() => setOpenOrder(r.id)}>{r.service.name}</a> },
        { title: t('services.col.space'), key: 'space', render: (_, r) => r.space.name },
        { title: t('services.col.requester'), key: 'requester', render: (_, r) => `${r.requester.orgName}（${r.requester.name}）` },
        { title: t('services.col.state'), key: 'state', sorter: true, render: (_, r) => <OrderStateTag state={r.state} /> },
        { title: t('services.col.amount'), key: 'amount', sorter: true, align: 'right', render: (_, r) => formatFen(r.quotedFen) },
        { title: t('services.col.dueOn'), key: 'dueOn', sorter: true, render: (_, r) => r.dueOn ?? '—' },
        { title: t('services.col.requestedAt'), key: 'requestedAt', sorter: true, render: (_, r) => formatDateTime(r.requestedAt as unknown as string) },
        { title: t('services.col.actions'), key: 'actions', render: (_, r) => <OrderActions order={r} /> },
      ]}
    />
  );

  const catalogue = (
    <>
      {unfiled.length > 0 && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('services.notListed', { names: unfiled.join('、') })} data-testid="services-not-listed" />}
      <PagedTable<Service, CatalogueFilters>
        queryKey={serviceKeys.catalogue}
        list={servicesApi.catalogue}
        inUrl={{
          keys: ['spaceId', 'kind', 'q'],
          toParams: (v) => ({ spaceId: v.spaceId, kind: v.kind, q: v.q?.trim() || undefined }),
          fromParams: (p) => ({ spaceId: p.spaceId, kind: p.kind as Service['kind'], q: p.q }),
        }}
        rowKey="id"
        emptyText={t('services.emptyCatalogue')}
        filters={
          <>
            <Form.Item name="spaceId">
              <Select allowClear placeholder={t('services.allSpaces')} options={spaceOptions} style={{ width: 220 }} data-testid="catalogue-space" />
            </Form.Item>
            <Form.Item name="kind">
              <Select allowClear placeholder={t('services.allKinds')} style={{ width: 160 }} options={SERVICE_KINDS.map((k) => ({ value: k, label: t(`services.kinds.${k}`) }))} />
            </Form.Item>
            <Form.Item name="q">
              <Input allowClear placeholder={t('services.search')} style={{ width: 220 }} />
            </Form.Item>
          </>
        }
        toQuery={(v) => ({ spaceId: v.spaceId, kind: v.kind, q: v.q })}
        toolbar={
          <Button type="primary" icon={<PlusOutlined />} disabled={!catalogueSpace} title={catalogueSpace ? undefined : t('services.chooseSpace')} onClick={() => setDrawer({})} data-testid="service-add">
            {t('services.add')}
          </Button>
        }
        columns={[
          { title: t('services.col.name'), key: 'name', sorter: true, render: (_, r) => r.name },
          { title: t('services.col.kind'), key: 'kind', sorter: true, render: (_, r) => t(`services.kinds.${r.kind}`) },
          { title: t('services.col.space'), key: 'space', render: (_, r) => r.spaceName },
          { title: t('services.col.price'), key: 'price', sorter: true, align: 'right', render: (_, r) => (r.priceBasis === 'fixed' ? formatFen(r.priceFen) : t(`services.bases.${r.priceBasis}`)) },
          { title: t('services.col.leadDays'), key: 'leadDays', sorter: true, align: 'right', render: (_, r) => r.leadDays },
          { title: t('services.col.orders'), key: 'orders', align: 'right', render: (_, r) => `${r.openOrders} / ${r.deliveredOrders}` },
          { title: t('services.col.rating'), key: 'rating', align: 'right', render: (_, r) => r.averageRating ?? '—' },
          { title: t('services.col.active'), key: 'active', render: (_, r) => (r.active ? <Tag color="green">{t('services.activeOn')}</Tag> : <Tag>{t('services.activeOff')}</Tag>) },
          {
            title: t('services.col.actions'),
            key: 'actions',
            render: (_, r) =>
              r.canEdit && (
                <Button size="small" onClick={() => setDrawer({ editing: r })}>
                  {t('services.edit')}
                </Button>
              ),
          },
        ]}
      />
    </>
  );

  return (
    <Card title={t('services.desk.title')}>
      <Tabs
        activeKey={tab}
        onChange={(k) => setSearch(k === 'catalogue' ? { tab: k } : {})}
        tabBarExtraContent={
          <Button
            icon={<DownloadOutlined />}
            disabled={!catalogueSpace}
            title={catalogueSpace ? undefined : t('platformStats.pickSpace')}
            href={catalogueSpace ? spaceOrdersXlsx(catalogueSpace) : undefined}
            data-testid="orders-export"
          >
            {t('platformStats.exportOrders')}
          </Button>
        }
        items={[
          { key: 'orders', label: t('services.desk.tabs.orders'), children: orders },
          { key: 'catalogue', label: t('services.desk.tabs.catalogue'), children: catalogue },
        ]}
      />
      <OrderDrawer id={openOrder} onClose={() => setOpenOrder(undefined)} />
      <ServiceDrawer open={!!drawer} spaceId={drawer?.editing?.spaceId ?? catalogueSpace} editing={drawer?.editing} onClose={() => setDrawer(null)} />
    </Card>
  );
}
