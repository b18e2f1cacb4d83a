import { App, Button, Card, Form, Input, Modal, Select, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatFen, SERVICE_KINDS, type Service, type SearchQuery, serviceKeys, servicesApi } from '../../api/services';
import { KEY_INDUSTRIES } from '../../api/spacesite';
import { PagedTable } from '../../components/PagedTable';
import { oneOf } from '../../components/useAddressFilters';
import { RegionCascader } from '../../components/RegionCascader';
import { useFormErrors } from '../../components/useFormErrors';

type Filters = { region?: string[]; kind?: SearchQuery['kind']; industry?: SearchQuery['industry']; q?: string };

/** The cascader's codes as a region path: ['210000', '210100'] → '000000/210000/210100'. */
const pathOf = (codes?: string[]) => (codes?.length ? (codes[0] === '000000' ? '000000' : ['000000', ...codes].join('/')) : undefined);
const codesOf = (path?: string) => (path ? (path === '000000' ? ['000000'] : path.split('/').slice(1)) : undefined);

/** A maker orders a service: what it needs, in a sentence or two; the space then quotes. */
function OrderModal({ service, onClose }: { service: Service; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<{ note: string }>();
  const errors = useFormErrors(form);
  const [busy, setBusy] = useState(false);
  const submit = async ({ note }: { note: string }) => {
    setBusy(true);
    try {
      await servicesApi.request(service.id, note);
      message.success(t('services.order.sent'));
      onClose();
      await navigate('/app/my-orders');
    } catch (err) {
      errors.onError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t('services.order.title', { name: service.name })} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okButtonProps={{ 'data-testid': 'order-submit' } as Record<string, string>} destroyOnHidden>
      <Typography.Paragraph type="secondary">
        {service.spaceName} · {t(`services.kinds.${service.kind}`)} · {service.priceBasis === 'fixed' ? formatFen(service.priceFen) : t(`services.bases.${service.priceBasis}`)}
      </Typography.Paragraph>
      {errors.alert}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="note" label={t('services.order.note')} rules={[{ required: true, message: t('services.form.required') }]}>
          <Input.TextArea rows={4} maxLength={2000} placeholder={t('services.order.notePlaceholder')} data-testid="order-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 找服务: every space's listed services across the platform, by region, kind, field (the space's key industry) and keyword; a maker orders one here. */
export default function ServiceMarket() {
  const { t } = useTranslation();
  const [ordering, setOrdering] = useState<Service>();
  return (
    <Card title={t('services.menu.market')}>
      <PagedTable<Service, Filters>
        queryKey={serviceKeys.search}
        list={servicesApi.search}
        inUrl={{
          keys: ['regionPath', 'kind', 'industry', 'q'],
          toParams: (v) => ({ regionPath: pathOf(v.region), kind: v.kind, industry: v.industry, q: v.q?.trim() || undefined }),
          fromParams: (p) => ({ region: codesOf(p.regionPath), kind: p.kind as Filters['kind'], industry: oneOf(KEY_INDUSTRIES, p.industry ?? null), q: p.q }),
        }}
        rowKey="id"
        emptyText={t('services.emptyMarket')}
        expandable={{ expandedRowRender: (r) => <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{r.description}</Typography.Paragraph> }}
        filters={
          <>
            <Form.Item name="region" style={{ width: 240 }}>
              <RegionCascader />
            </Form.Item>
            <Form.Item name="kind">
              <Select allowClear placeholder={t('services.allKinds')} style={{ width: 170 }} options={SERVICE_KINDS.map((k) => ({ value: k, label: t(`services.kinds.${k}`) }))} data-testid="market-kind" />
            </Form.Item>
            <Form.Item name="industry">
              <Select allowClear placeholder={t('services.allIndustries')} style={{ width: 150 }} options={KEY_INDUSTRIES.map((i) => ({ value: i, label: t(`spaces.industries.${i}`) }))} data-testid="market-industry" />
            </Form.Item>
            <Form.Item name="q">
              <Input allowClear placeholder={t('services.search')} style={{ width: 240 }} data-testid="market-q" />
            </Form.Item>
          </>
        }
        toQuery={(v) => ({ regionPath: pathOf(v.region), kind: v.kind, industry: v.industry, q: v.q })}
        columns={[
          { title: t('services.col.name'), key: 'name', sorter: true, render: (_, r) => r.name },
          { title: t('services.col.kind'), key: 'kind', sorter: true, render: (_, r) => t(`services.kinds.${r.kind}`) },
          { title: t('services.col.space'), key: 'space', sorter: true, render: (_, r) => r.spaceName },
          { title: t('services.col.region'), key: 'region', render: (_, r) => r.regionName },
          { title: t('services.col.price'), key: 'price', sorter: true, align: 'right', render: (_, r) => (r.priceBasis === 'fixed' ? formatFen(r.priceFen) : t(`services.bases.${r.priceBasis}`)) },
          { title: t('services.col.leadDays'), key: 'leadDays', sorter: true, align: 'right', render: (_, r) => r.leadDays },
          { title: t('services.col.rating'), key: 'rating', align: 'right', render: (_, r) => (r.averageRating === null ? '—' : <Tooltip title={`${r.deliveredOrders}`}>{r.averageRating}</Tooltip>) },
          {
            title: t('services.col.actions'),
            key: 'actions',
            render: (_, r) =>
              r.canOrder && (
                <Button size="small" type="primary" onClick={() => setOrdering(r)} data-testid="service-order">
                  {t('services.order.button')}
                </Button>
              ),
          },
        ]}
      />
      {ordering && <OrderModal service={ordering} onClose={() => setOrdering(undefined)} />}
    </Card>
  );
}
