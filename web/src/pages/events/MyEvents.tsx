import { Alert, Button, Card, Form, Input, Modal, Popconfirm, QRCode, Select, Space, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { type Answers, EVENT_KINDS, type EventItem, eventKeys, eventsApi, type MySignup, type OpenQuery, SIGNUP_STATUS_COLORS } from '../../api/events';
import { PagedTable } from '../../components/PagedTable';
import { useAction } from '../../components/useAction';
import { formatDateTime } from '../../lib/format';
import { SignupAnswersModal } from './EventExtras';

type Filters = { kind?: OpenQuery['kind']; q?: string };

/** Events open for sign-up; `?spaceId=` (the link on a space's public page) narrows them to that space's. */
function OpenEvents() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const spaceId = params.get('spaceId') ?? undefined;
  const signUp = useAction(({ e, answers }: { e: EventItem; answers?: Answers }) => eventsApi.signUp(e.id, answers), [[eventKeys.open], [eventKeys.mine]], (r) => t('events.mine.signedUp', { status: t(`events.signupStatuses.${r.status}`) }));
  // An event with a sign-up form opens it first; one without signs up at once.
  const [asking, setAsking] = useState<EventItem | null>(null);
  return (
    <>
    {spaceId && (
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        message={t('events.mine.ofSpace')}
        action={
          <Button size="small" type="link" onClick={() => setParams({})}>
            {t('events.mine.allSpaces')}
          </Button>
        }
      />
    )}
    <PagedTable<EventItem, Filters, Awaited<ReturnType<typeof eventsApi.open>>, { spaceId?: string }>
      queryKey={eventKeys.open}
      list={eventsApi.open}
      fixed={spaceId ? { spaceId } : {}}
      rowKey="id"
      emptyText={t('events.mine.emptyOpen')}
      filters={
        <>
          <Form.Item name="kind">
            <Select allowClear placeholder={t('events.desk.allKinds')} style={{ width: 160 }} options={EVENT_KINDS.map((s) => ({ value: s, label: t(`events.kinds.${s}`) }))} />
          </Form.Item>
          <Form.Item name="q">
            <Input.Search allowClear placeholder={t('events.desk.search')} style={{ width: 200 }} />
          </Form.Item>
        </>
      }
      toQuery={(v) => ({ kind: v.kind, q: v.q || undefined })}
      columns={[
        {
          title: t('events.col.title'),
          key: 'title',
          sorter: true,
          render: (_, r) => (
            <Space direction="vertical" size={0}>
              <Typography.Text strong>{r.title}</Typography.Text>
              <Typography.Text type="secondary">{r.description.slice(0, 60)}</Typography.Text>
            </Space>
          ),
        },
        { title: t('events.col.space'), key: 'space', render: (_, r) => r.spaceName },
        { title: t('events.col.kind'), key: 'kind', sorter: true, render: (_, r) => t(`events.kinds.${r.kind}`) },
        { title: t('events.col.startsAt'), key: 'startsAt', sorter: true, render: (_, r) => formatDateTime(r.startsAt as unknown as string) },
        { title: t('events.col.place'), key: 'place', render: (_, r) => r.place ?? t('events.mine.online') },
        { title: t('events.col.seats'), key: 'capacity', render: (_, r) => (r.seatsTaken < r.capacity ? t('events.mine.seatsLeft', { count: r.capacity - r.seatsTaken }) : t('events.mine.full')) },
        {
          title: t('events.col.actions'),
          key: 'actions',
          render: (_, r) => (
            <Button size="small" type="primary" disabled={!r.signupOpen} loading={signUp.isPending && signUp.variables?.e.id === r.id} onClick={() => (r.signupForm.length ? setAsking(r) : signUp.mutate({ e: r }))}>
              {t('events.mine.signUp')}
            </Button>
          ),
        },
      ]}
    />
    {asking && (
      <SignupAnswersModal
        title={asking.title}
        fields={asking.signupForm}
        busy={signUp.isPending}
        onClose={() => setAsking(null)}
        onSubmit={(answers) => signUp.mutate({ e: asking, answers }, { onSuccess: () => setAsking(null) })}
      />
    )}
    </>
  );
}

function Mine() {
  const { t } = useTranslation();
  const [qr, setQr] = useState<MySignup | null>(null);
  const cancel = useAction((s: MySignup) => eventsApi.cancelSignup(s.id), [[eventKeys.mine], [eventKeys.open]], () => t('events.mine.cancelled'));
  const accept = useAction((s: MySignup) => eventsApi.accept(s.id), [[eventKeys.mine]], () => t('events.mine.accepted'));
  return (
    <>
      <PagedTable<MySignup>
        queryKey={eventKeys.mine}
        list={eventsApi.mine}
        rowKey="id"
        emptyText={t('events.mine.emptyMine')}
        columns={[
          { title: t('events.col.title'), key: 'title', render: (_, r) => r.event.title },
          { title: t('events.col.space'), key: 'space', render: (_, r) => r.event.spaceName },
          { title: t('events.col.startsAt'), key: 'startsAt', render: (_, r) => formatDateTime(r.event.startsAt as unknown as string) },
          {
            title: t('events.col.status'),
            key: 'status',
            render: (_, r) => (
              <Space direction="vertical" size={0}>
                <Tag color={SIGNUP_STATUS_COLORS[r.status]}>{t(`events.signupStatuses.${r.status}`)}</Tag>
                {r.waitlistPlace !== null && <Typography.Text type="secondary">{t('events.mine.place', { place: r.waitlistPlace })}</Typography.Text>}
                {r.status === 'offered' && r.offeredUntil && <Typography.Text type="warning">{t('events.mine.offerUntil', { time: formatDateTime(r.offeredUntil as unknown as string) })}</Typography.Text>}
                {r.checkedInAt && <Typography.Text type="success">{formatDateTime(r.checkedInAt as unknown as string)}</Typography.Text>}
              </Space>
            ),
          },
          {
            title: t('events.col.actions'),
            key: 'actions',
            render: (_, r) => {
              const live = ['pending', 'confirmed', 'waitlisted', 'offered'].includes(r.status) && r.event.status === 'published';
              return (
                <Space>
                  {r.token && !r.checkedInAt && <a onClick={() => setQr(r)}>{t('events.mine.qr')}</a>}
                  {r.status === 'offered' && <a onClick={() => accept.mutate(r)}>{t('events.mine.accept')}</a>}
                  {live && (
                    <Popconfirm title={t('events.mine.cancelConfirm')} onConfirm={() => cancel.mutate(r)}>
                      <a>{t('events.mine.cancel')}</a>
                    </Popconfirm>
                  )}
                </Space>
              );
            },
          },
        ]}
      />
      <Modal open={!!qr} title={qr?.event.title} footer={null} onCancel={() => setQr(null)}>
        {qr?.token && (
          <Space direction="vertical" align="center" style={{ width: '100%' }}>
            <QRCode value={qr.token} size={220} />
            <Typography.Text copyable code data-testid="signup-token">
              {qr.token}
            </Typography.Text>
          </Space>
        )}
      </Modal>
    </>
  );
}

/** 活动报名: events open for sign-up across the platform, and 我的活动 with the check-in QR code. */
export default function MyEvents() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'mine' ? 'mine' : 'open';
  return (
    <Card title={t('events.mine.title')}>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'mine' ? { tab: 'mine' } : {})}
        items={[
          { key: 'open', label: t('events.mine.tabs.open'), children: <OpenEvents /> },
          { key: 'mine', label: t('events.mine.tabs.mine'), children: <Mine /> },
        ]}
      />
    </Card>
  );
}
