import { DeleteOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Form, Input, InputNumber, Modal, Popconfirm, Select, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Incubatee, rosterApi, rosterKeys } from '../../api/roster';
import { useFormErrors } from '../../components/useFormErrors';
import { dateField } from './IncubateeDrawer';

const MOVES: Record<Incubatee['status'], readonly ('graduated' | 'exited' | 'moved' | 'deregistered')[]> = {
  resident: ['graduated', 'exited', 'moved', 'deregistered'],
  graduated: ['deregistered'],
  exited: ['deregistered'],
  moved: ['deregistered'],
  deregistered: [],
};

const useRefresh = () => {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: [rosterKeys.list] });
    await queryClient.invalidateQueries({ queryKey: [rosterKeys.survival] });
  };
};

interface StatusValues {
  status: 'graduated' | 'exited' | 'moved' | 'deregistered';
  effectiveOn: string;
  movedTo?: string;
  note?: string;
}

/** 毕业 / 退出 / 迁出 / 注销吊销 of one incubatee, only the moves the roster allows from its status. */
export function StatusModal({ row, onClose }: { row: Incubatee; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const refresh = useRefresh();
  const [form] = Form.useForm<StatusValues>();
  const errors = useFormErrors(form);
  const status = Form.useWatch('status', form);
  const save = async (values: StatusValues) => {
    try {
      await rosterApi.changeStatus(row.id, { ...values, revision: row.revision });
      message.success(t('roster.saved'));
      await refresh();
      onClose();
    } catch (err) {
      errors.onError(err);
    }
  };
  const required = [{ required: true, message: t('roster.form.required') }];
  return (
    <Modal open title={t('roster.statusChange.title', { name: row.name })} onCancel={onClose} onOk={() => form.submit()} okText={t('roster.statusChange.submit')} destroyOnHidden>
      {errors.alert}
      <Form form={form} layout="vertical" onFinish={save}>
        <Form.Item name="status" label={t('roster.statusChange.to')} rules={required}>
          <Select options={MOVES[row.status].map((s) => ({ value: s, label: t(`roster.statuses.${s}`) }))} />
        </Form.Item>
        <Form.Item name="effectiveOn" label={t('roster.statusChange.effectiveOn')} rules={required} {...dateField}>
          <DatePicker />
        </Form.Item>
        {status === 'moved' && (
          <Form.Item name="movedTo" label={t('roster.statusChange.movedTo')} rules={required}>
            <Input maxLength={200} />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('roster.statusChange.note')}>
          <Input.TextArea maxLength={500} rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface FinancingValues {
  receivedOn: string;
  amountYuan: number;
  investor: string;
  kind: 'social' | 'own';
}

/** The financing rounds of one incubatee: the list, removal, and a form to record another. */
export function FinancingModal({ row, onClose }: { row: Incubatee; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const refresh = useRefresh();
  const [form] = Form.useForm<FinancingValues>();
  const errors = useFormErrors(form);
  const detail = useQuery({ queryKey: [rosterKeys.list, 'detail', row.id], queryFn: () => rosterApi.read(row.id) });
  const [busy, setBusy] = useState(false);
  const rounds = detail.data?.financings ?? row.financings;
  const add = async (values: FinancingValues) => {
    setBusy(true);
    try {
      await rosterApi.addFinancing(row.id, values);
      message.success(t('roster.saved'));
      form.resetFields();
      await refresh();
    } catch (err) {
      errors.onError(err);
    } finally {
      setBusy(false);
    }
  };
  const remove = async (financingId: string) => {
    await rosterApi.removeFinancing(row.id, financingId).catch(errors.onError);
    await refresh();
  };
  const required = [{ required: true, message: t('roster.form.required') }];
  return (
    <Modal open width={760} title={t('roster.financing.title', { name: row.name })} onCancel={onClose} footer={null} destroyOnHidden>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={rounds}
        locale={{ emptyText: t('roster.financing.empty') }}
        columns={[
          { title: t('roster.financing.receivedOn'), dataIndex: 'receivedOn' },
          { title: t('roster.financing.amount'), dataIndex: 'amountYuan', align: 'right', render: (v: number) => v.toLocaleString('zh-CN') },
          { title: t('roster.financing.investor'), dataIndex: 'investor' },
          { title: t('roster.financing.kind'), dataIndex: 'kind', render: (k: string) => t(`roster.financingKinds.${k}`) },
          ...(row.canEdit
            ? [
                {
                  title: t('roster.col.actions'),
                  key: 'remove',
                  render: (_: unknown, f: { id: string }) => (
                    <Popconfirm title={t('roster.financing.removeConfirm')} onConfirm={() => void remove(f.id)}>
                      <Button size="small" danger icon={<DeleteOutlined />}>
                        {t('roster.financing.remove')}
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
      {row.canEdit && (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('roster.financing.add')}
          </Typography.Title>
          {errors.alert}
          <Form form={form} layout="inline" onFinish={add} initialValues={{ kind: 'social' }} style={{ rowGap: 8 }}>
            <Form.Item name="receivedOn" rules={required} {...dateField}>
              <DatePicker placeholder={t('roster.financing.receivedOn')} />
            </Form.Item>
            <Form.Item name="amountYuan" rules={required}>
              <InputNumber min={1} precision={0} placeholder={t('roster.financing.amount')} style={{ width: 150 }} />
            </Form.Item>
            <Form.Item name="investor" rules={required}>
              <Input maxLength={200} placeholder={t('roster.financing.investor')} />
            </Form.Item>
            <Form.Item name="kind" rules={required}>
              <Select style={{ width: 140 }} options={(['social', 'own'] as const).map((k) => ({ value: k, label: t(`roster.financingKinds.${k}`) }))} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy}>
              {t('roster.financing.add')}
            </Button>
          </Form>
        </>
      )}
    </Modal>
  );
}
