import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Space, Tag } from 'antd';
import dayjs from 'dayjs';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { callsApi, type ManagedCall } from '../../api/calls';
import { can, useMe } from '../../api/session';
import { stageKeys } from '../../api/stages';
import { CreateModal } from '../../components/CreateModal';
import { PagedTable } from '../../components/PagedTable';
import { useAction } from '../../components/useAction';
import { formatDateTime } from '../../lib/format';
import { CallFields, type CallValues, chainOption, toBody } from './CallForm';

export const LIST_KEY = 'calls-admin';
export const STATUS_COLOR = { draft: 'gold', published: 'green', cancelled: 'default' } as const;

/** Publishing and cancelling a call, from its row or its page; both change the stages the stage pages offer. */
export function useCallAction() {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  // The confirm dialog renders its content once; the typed reason is read when OK is pressed.
  const reason = useRef('');
  const act = useAction(
    ({ call, op, reason }: { call: ManagedCall; op: 'publish' | 'cancel'; reason?: string }) =>
      op === 'publish' ? callsApi.publish(call.id, call.revision) : callsApi.cancel(call.id, call.revision, reason ?? ''),
    [[LIST_KEY], ['call'], stageKeys.all],
    (_, { call, op }) => t(`callsAdmin.done.${op}`, { title: call.title }),
  );
  return {
    publish: (call: ManagedCall) =>
      modal.confirm({
        content: t('callsAdmin.publishConfirm', { title: call.title }),
        okText: t('common.ok'),
        cancelText: t('common.cancel'),
        onOk: () => act.mutateAsync({ call, op: 'publish' }),
      }),
    cancel: (call: ManagedCall) => {
      reason.current = '';
      modal.confirm({
        title: t('callsAdmin.cancelTitle', { title: call.title }),
        content: <Input.TextArea aria-label={t('callsAdmin.cancelReason')} placeholder={t('callsAdmin.cancelReason')} onChange={(e) => (reason.current = e.target.value)} />,
        okText: t('common.ok'),
        cancelText: t('common.cancel'),
        onOk: () => act.mutateAsync({ call, op: 'cancel', reason: reason.current }),
      });
    },
  };
}

/**
 * 申报批次管理: the calls of the authority's jurisdiction (the server lists no other), each opening
 * its own page; drafts are created here by an authority that may open calls.
 */
export default function CallsAdmin() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const me = useMe().data;
  const [form] = Form.useForm<CallValues>();
  const [creating, setCreating] = useState(false);
  const actions = useCallAction();
  const mayCreate = !!me && can(me, 'call.create');

  return (
    <Card title={t('menu.callsManage')}>
      <PagedTable<ManagedCall>
        queryKey={LIST_KEY}
        list={callsApi.list}
        rowKey="id"
        emptyText={t(mayCreate ? 'callsAdmin.empty' : 'callDetail.emptyNoCreate')}
        toolbar={
          mayCreate && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('callsAdmin.create')}
            </Button>
          )
        }
        columns={[
          { title: t('callsAdmin.title'), key: 'title', sorter: true, dataIndex: 'title', render: (title: string, c) => <Link to={`/app/calls-admin/${c.id}`}>{title}</Link> },
          { title: t('callsAdmin.level'), key: 'level', sorter: true, dataIndex: 'level', render: (l: string) => <Tag color="blue">{t(`calls.level.${l}`)}</Tag> },
          { title: t('calls.authority'), key: 'authority', render: (_, c) => c.authority.name },
          { title: t('callsAdmin.chain'), key: 'chain', render: (_, c) => (c.chain ? chainOption(t, i18n.language, c.chain) : '—') },
          { title: t('callsAdmin.opensAt'), key: 'opensAt', sorter: true, dataIndex: 'opensAt', render: formatDateTime },
          { title: t('callsAdmin.closesAt'), key: 'closesAt', sorter: true, dataIndex: 'closesAt', render: formatDateTime },
          {
            title: t('applications.statusLabel'),
            key: 'status',
            sorter: true,
            dataIndex: 'status',
            render: (s: ManagedCall['status']) => <Tag color={STATUS_COLOR[s]}>{t(`callsAdmin.status.${s}`)}</Tag>,
          },
          {
            title: t('common.actions'),
            key: 'actions',
            fixed: 'right',
            render: (_, c) => (
              <Space>
                <Button size="small" onClick={() => navigate(`/app/calls-admin/${c.id}`)}>
                  {c.abilities.edit && c.status === 'draft' ? t('callsAdmin.edit') : t('callDetail.open')}
                </Button>
                {c.abilities.publish && c.status === 'draft' && (
                  <Button size="small" type="primary" onClick={() => actions.publish(c)}>
                    {t('callsAdmin.publish')}
                  </Button>
                )}
                {c.abilities.cancel && c.status !== 'cancelled' && (
                  <Button size="small" danger onClick={() => actions.cancel(c)}>
                    {t('callsAdmin.cancel')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {mayCreate && (
        <CreateModal<CallValues>
          open={creating}
          title={t('callsAdmin.create')}
          onClose={() => setCreating(false)}
          form={form}
          listKey={LIST_KEY}
          initialValues={{ year: dayjs().year(), eligibleCategories: ['regular'], materialSlots: [], documentFileIds: [] }}
          submit={(v) => callsApi.create(toBody(v))}
        >
          <CallFields form={form} isNew pinned={null} />
        </CreateModal>
      )}
    </Card>
  );
}
