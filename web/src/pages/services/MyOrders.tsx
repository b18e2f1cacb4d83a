import { Card, Form, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFen, type Order, type OrderQuery, ORDER_STATES, serviceKeys, servicesApi } from '../../api/services';
import { PagedTable } from '../../components/PagedTable';
import { formatDateTime } from '../../lib/format';
import { OrderActions, OrderDrawer, OrderStateTag } from './OrderActions';

type Filters = { state?: OrderQuery['state'] };

/** 我的订单: a maker team's orders with the moves it may make (accept a quote, rate, cancel) and the delivered files. */
export default function MyOrders() {
  const { t } = useTranslation();
  const [open, setOpen] = useState<string>();
  return (
    <Card title={t('services.menu.mine')}>
      <PagedTable<Order, Filters>
        queryKey={serviceKeys.mine}
        list={servicesApi.mine}
        inUrl={{ keys: ['state'], toParams: (v) => ({ state: v.state }), fromParams: (p) => ({ state: p.state as Filters['state'] }) }}
        rowKey="id"
        emptyText={t('services.emptyMine')}
        filters={
          <Form.Item name="state">
            <Select allowClear placeholder={t('services.allStates')} style={{ width: 160 }} options={ORDER_STATES.map((s) => ({ value: s, label: t(`services.states.${s}`) }))} />
          </Form.Item>
        }
        toQuery={(v) => ({ state: v.state })}
        columns={[
          { title: t('services.col.service'), key: 'service', sorter: true, render: (_, r) => <a onClick={() => setOpen(r.id)}>{r.service.name}</a> },
          { title: t('services.col.space'), key: 'space', render: (_, r) => r.space.name },
          { title: t('services.col.state'), key: 'state', sorter: true, render: (_, r) => <OrderStateTag state={r.state} /> },
          { title: t('services.col.amount'), key: 'amount', sorter: true, align: 'right', render: (_, r) => formatFen(r.quotedFen) },
          { title: t('services.col.dueOn'), key: 'dueOn', sorter: true, render: (_, r) => r.dueOn ?? '—' },
          { title: t('services.col.requestedAt'), key: 'requestedAt', sorter: true, render: (_, r) => formatDateTime(r.requestedAt as unknown as string) },
          {
            title: t('services.col.actions'),
            key: 'actions',
            render: (_, r) => (
              <>
                <a onClick={() => setOpen(r.id)} style={{ marginRight: 8 }}>
                  {t('services.order.open')}
                </a>
                <OrderActions order={r} />
              </>
            ),
          },
        ]}
      />
      <OrderDrawer id={open} onClose={() => setOpen(undefined)} />
    </Card>
  );
}
