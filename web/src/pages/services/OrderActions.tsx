import { UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Descriptions, Drawer, Form, Input, InputNumber, Modal, Rate, Space, Tag, Timeline, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { filesApi } from '../../api/files';
import { formatFen, type Order, type OrderAction, ORDER_STATE_COLORS, serviceKeys, servicesApi } from '../../api/services';
import { QueryError } from '../../components/QueryError';
import { useFormErrors } from '../../components/useFormErrors';
import { formatDateTime } from '../../lib/format';
import { dateField } from '../roster/IncubateeDrawer';

export function OrderStateTag({ state }: { state: Order['state'] }) {
  const { t } = useTranslation();
  return <Tag color={ORDER_STATE_COLORS[state]}>{t(`services.states.${state}`)}</Tag>;
}

interface Values {
  amountYuan?: number;
  dueOn?: string;
  note?: string;
  reason?: string;
  rating?: number;
  comment?: string;
}

/** One move of an order in a small form: what the server needs for it, its field errors under the fields. */
function ActionModal({ order, action, onClose }: { order: Order; action: OrderAction; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form);
  const [busy, setBusy] = useState(false);
  const [files, setFiles] = useState<{ id: string; name: string }[]>([]);
  const required = [{ required: true, message: t('services.form.required') }];

  const upload = async (file: File) => {
    try {
      const meta = await filesApi.upload(file, file.name);
      setFiles((f) => [...f, { id: meta.id, name: meta.originalName }]);
    } catch (err) {
      errors.onError(err);
    }
  };

  const run = async (v: Values) => {
    const { id, revision } = order;
    switch (action) {
      case 'quote':
        return servicesApi.quote(id, { amountFen: Math.round((v.amountYuan ?? 0) * 100), dueOn: v.dueOn ?? '', note: v.note || undefined, revision });
      case 'accept':
        return servicesApi.accept(id, revision);
      case 'deliver':
        return servicesApi.deliver(id, { note: v.note || undefined, fileIds: files.map((f) => f.id), revision });
      case 'rate':
        return servicesApi.rate(id, { rating: v.rating ?? 0, comment: v.comment || undefined, revision });
      case 'decline':
        return servicesApi.decline(id, { reason: v.reason ?? '', revision });
      case 'cancel':
        return servicesApi.cancel(id, { reason: v.reason ?? '', revision });
    }
  };

  const submit = async (v: Values) => {
    setBusy(true);
    try {
      await run(v);
      message.success(t('services.order.done', { action: t(`services.actions.${action}`) }));
      await Promise.all([serviceKeys.queue, serviceKeys.mine, serviceKeys.order].map((k) => queryClient.invalidateQueries({ queryKey: [k] })));
      onClose();
    } catch (err) {
      // The quote's amount is entered in 元: show the server's 分 field under it.
      errors.onError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open title={`${t(`services.actions.${action}`)}：${order.service.name}`} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okButtonProps={{ 'data-testid': 'order-action-submit' } as Record<string, string>} destroyOnHidden>
      {errors.alert}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={action === 'rate' ? { rating: 5 } : {}}>
        {action === 'quote' && (
          <>
            <Form.Item name="amountYuan" label={t('services.order.amount')} rules={required}>
              <InputNumber min={0} precision={2} style={{ width: 200 }} data-testid="quote-amount" />
            </Form.Item>
            <Form.Item name="dueOn" label={t('services.order.dueOn')} rules={required} {...dateField}>
              <DatePicker data-testid="quote-due" />
            </Form.Item>
            <Form.Item name="note" label={t('services.order.quoteNote')}>
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
          </>
        )}
        {action === 'deliver' && (
          <>
            <Alert type="info" showIcon title={t('services.order.deliverHint')} style={{ marginBottom: 12 }} />
            <Form.Item name="fileIds" label={t('services.order.files')}>
              <Space orientation="vertical">
                <Upload accept=".pdf,.jpg,.jpeg,.png,.docx,.xlsx,.zip" multiple showUploadList={false} beforeUpload={(f) => (void upload(f), false)}>
                  <Button icon={<UploadOutlined />} data-testid="deliver-upload">
                    {t('services.order.upload')}
                  </Button>
                </Upload>
                {files.length > 0 && <Typography.Text type="secondary">{t('services.order.uploaded', { names: files.map((f) => f.name).join('、') })}</Typography.Text>}
              </Space>
            </Form.Item>
            <Form.Item name="note" label={t('services.order.deliveryNote')}>
              <Input.TextArea rows={3} maxLength={2000} data-testid="deliver-note" />
            </Form.Item>
          </>
        )}
        {action === 'rate' && (
          <>
            <Form.Item name="rating" label={t('services.order.rating')} rules={required}>
              <Rate data-testid="rate-stars" />
            </Form.Item>
            <Form.Item name="comment" label={t('services.order.comment')}>
              <Input.TextArea rows={2} maxLength={1000} data-testid="rate-comment" />
            </Form.Item>
          </>
        )}
        {(action === 'decline' || action === 'cancel') && (
          <Form.Item name="reason" label={t('services.order.reason')} rules={required}>
            <Input.TextArea rows={2} maxLength={500} data-testid="order-reason" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/** The buttons of the moves the server says the reader may make on the order now. */
export function OrderActions({ order }: { order: Order }) {
  const { t } = useTranslation();
  const [action, setAction] = useState<OrderAction>();
  return (
    <>
      <Space size={4} wrap>
        {order.actions.map((a) => (
          <Button key={a} size="small" type={a === 'decline' || a === 'cancel' ? 'default' : 'primary'} danger={a === 'decline' || a === 'cancel'} onClick={() => setAction(a)} data-testid={`order-${a}`}>
            {t(`services.actions.${a}`)}
          </Button>
        ))}
      </Space>
      {action && <ActionModal order={order} action={action} onClose={() => setAction(undefined)} />}
    </>
  );
}

/** An order with its history and delivered files, for either side. */
export function OrderDrawer({ id, onClose }: { id?: string; onClose: () => void }) {
  const { t } = useTranslation();
  const order = useQuery({ queryKey: [serviceKeys.order, id], queryFn: () => servicesApi.read(id!), enabled: !!id });
  const o = order.data;
  return (
    <Drawer open={!!id} onClose={onClose} size="large" title={o ? `${t('services.order.detail')}：${o.service.name}` : t('services.order.detail')} extra={o && <OrderActions order={o} />}>
      {order.isError && <QueryError error={order.error} />}
      {o && (
        <>
          <Descriptions size="small" column={2} bordered data-testid="order-detail">
            <Descriptions.Item label={t('services.col.state')}>
              <OrderStateTag state={o.state} />
            </Descriptions.Item>
            <Descriptions.Item label={t('services.col.kind')}>{t(`services.kinds.${o.service.kind}`)}</Descriptions.Item>
            <Descriptions.Item label={t('services.col.space')}>{o.space.name}</Descriptions.Item>
            <Descriptions.Item label={t('services.col.requester')}>{`${o.requester.orgName}（${o.requester.name}）`}</Descriptions.Item>
            <Descriptions.Item label={t('services.order.requestNote')} span={2}>
              {o.requestNote}
            </Descriptions.Item>
            <Descriptions.Item label={t('services.col.amount')}>{formatFen(o.quotedFen)}</Descriptions.Item>
            <Descriptions.Item label={t('services.col.dueOn')}>{o.dueOn ?? '—'}</Descriptions.Item>
            {o.quoteNote && (
              <Descriptions.Item label={t('services.order.quoteNote')} span={2}>
                {o.quoteNote}
              </Descriptions.Item>
            )}
            {o.deliveryNote && (
              <Descriptions.Item label={t('services.order.deliveryNote')} span={2}>
                {o.deliveryNote}
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t('services.order.files')} span={2}>
              {o.files.length ? (
                <Space orientation="vertical" size={2}>
                  {o.files.map((f) => (
                    <a key={f.id} href={servicesApi.fileUrl(o.id, f.id)} data-testid="order-file">
                      {f.originalName}
                    </a>
                  ))}
                </Space>
              ) : (
                t('services.order.noFiles')
              )}
            </Descriptions.Item>
            {o.rating !== null && (
              <Descriptions.Item label={t('services.order.rating')} span={2}>
                <Rate disabled value={o.rating} /> {o.ratingComment}
              </Descriptions.Item>
            )}
            {o.closeReason && (
              <Descriptions.Item label={t('services.order.closeReason')} span={2}>
                {o.closeReason}
              </Descriptions.Item>
            )}
          </Descriptions>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('services.order.timeline')}
          </Typography.Title>
          <Timeline
            items={o.timeline.map((e) => ({
              color: ORDER_STATE_COLORS[e.toState],
              children: (
                <>
                  <Typography.Text strong>{t(`services.states.${e.toState}`)}</Typography.Text> · {e.actorName ?? '—'} · {formatDateTime(e.at as unknown as string)}
                  {e.note && <div>{e.note}</div>}
                </>
              ),
            }))}
          />
        </>
      )}
    </Drawer>
  );
}
