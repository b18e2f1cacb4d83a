import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Empty, Flex, Form, Input, InputNumber, Modal, Segmented, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { BOOKING_STATUSES, bookingApi, bookingKeys, bookingLinks, type BookingRow, type BookingStatus, type SpaceResource, type UsageQuery, type UsageRow, yuan } from '../../api/booking';
import { registryApi } from '../../api/registry';
import { can, useMe } from '../../api/session';
import { PagedTable } from '../../components/PagedTable';
import { QueryError } from '../../components/QueryError';
import { useAction } from '../../components/useAction';
import { useFormErrors } from '../../components/useFormErrors';
import { formatDateTime } from '../../lib/format';
import { BookingStatusTag, dayStart, FeeText, nextDay, rangeText, shanghaiToday } from './parts';
import { ResourceModal } from './ResourceForm';

const DESK_KEYS = [[bookingKeys.spaceBookings], [bookingKeys.usage], [bookingKeys.qualifications]];

/** What the desk does with one booking: approve or reject, check in or out, cancel, vouchers, a qualification. */
function BookingActions({ b }: { b: BookingRow }) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const [asking, setAsking] = useState<'checkOut' | 'voucher' | 'qualify' | 'reject' | null>(null);
  const decide = useAction(bookingApi.decide, DESK_KEYS, (_, v) => (v.approve ? t('booking.desk.approved') : t('booking.desk.rejected')));
  const checkIn = useAction(bookingApi.checkIn, DESK_KEYS, () => t('booking.desk.checkedIn'));
  const cancel = useAction(bookingApi.cancel, DESK_KEYS, () => t('booking.mine.cancelled'));
  return (
    <Space size={4} wrap>
      {b.canDecide && (
        <>
          <Button size="small" type="primary" loading={decide.isPending} onClick={() => decide.mutate({ id: b.id, approve: true })} data-testid="booking-approve">
            {t('booking.desk.approve')}
          </Button>
          <Button size="small" danger onClick={() => setAsking('reject')}>
            {t('booking.desk.reject')}
          </Button>
        </>
      )}
      {b.canCheckIn && (
        <Button size="small" type="primary" loading={checkIn.isPending} onClick={() => checkIn.mutate(b.id)} data-testid="booking-check-in">
          {t('booking.desk.checkIn')}
        </Button>
      )}
      {b.canCheckOut && (
        <Button size="small" onClick={() => setAsking('checkOut')} data-testid="booking-check-out">
          {t('booking.desk.checkOut')}
        </Button>
      )}
      {b.status === 'completed' && (b.chargeFen ?? 0) > b.vouchersFen && (
        <Button size="small" onClick={() => setAsking('voucher')}>
          {t('booking.desk.voucher')}
        </Button>
      )}
      {(b.status === 'completed' || b.status === 'checked_in') && (
        <Button size="small" onClick={() => setAsking('qualify')}>
          {t('booking.desk.qualify')}
        </Button>
      )}
      {b.canCancel && (
        <Button
          size="small"
          onClick={() =>
            modal.confirm({
              title: t('booking.desk.cancelTitle', { name: b.userName, range: rangeText(b.startsAt, b.endsAt) }),
              okButtonProps: { danger: true },
              onOk: () => cancel.mutateAsync({ id: b.id }),
            })
          }
        >
          {t('booking.mine.cancel')}
        </Button>
      )}
      {asking === 'checkOut' && <CheckOutModal b={b} onClose={() => setAsking(null)} />}
      {asking === 'voucher' && <VoucherModal b={b} onClose={() => setAsking(null)} />}
      {asking === 'qualify' && <QualifyModal b={b} onClose={() => setAsking(null)} />}
      {asking === 'reject' && <RejectModal b={b} onClose={() => setAsking(null)} />}
    </Space>
  );
}

/** A small form in a modal: the server's field errors go under its fields. */
function FormModal<V extends object>({ title, onClose, run, done, children, initialValues }: { title: string; onClose: () => void; run: (v: V) => Promise<unknown>; done: string; children: React.ReactNode; initialValues?: Partial<V> }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<V>();
  const errors = useFormErrors(form);
  const [busy, setBusy] = useState(false);
  const { t } = useTranslation();
  return (
    <Modal open title={title} onCancel={onClose} okText={t('common.ok')} confirmLoading={busy} onOk={() => form.submit()} destroyOnHidden>
      {errors.alert}
      <Form<V>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={async (v) => {
          setBusy(true);
          try {
            await run(v);
            message.success(done);
            onClose();
          } catch (err) {
            errors.onError(err);
          } finally {
            setBusy(false);
          }
        }}
      >
        {children}
      </Form>
    </Modal>
  );
}

function useRefresh() {
  const queryClient = useQueryClient();
  return () => Promise.all(DESK_KEYS.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
}

function CheckOutModal({ b, onClose }: { b: BookingRow; onClose: () => void }) {
  const { t } = useTranslation();
  const refresh = useRefresh();
  return (
    <FormModal<{ samples?: number }>
      title={t('booking.desk.checkOutTitle', { name: b.resourceName, user: b.userName })}
      onClose={onClose}
      done={t('booking.desk.checkedOut')}
      run={async (v) => {
        await bookingApi.checkOut({ id: b.id, samples: v.samples ?? undefined });
        await refresh();
      }}
    >
      <Typography.Paragraph type="secondary">{t('booking.desk.checkOutNote')}</Typography.Paragraph>
      <Form.Item name="samples" label={t('booking.desk.samples')}>
        <InputNumber min={0} max={10000} addonAfter={t('booking.units.sample')} />
      </Form.Item>
    </FormModal>
  );
}

function VoucherModal({ b, onClose }: { b: BookingRow; onClose: () => void }) {
  const { t } = useTranslation();
  const refresh = useRefresh();
  const left = (b.chargeFen ?? 0) - b.vouchersFen;
  return (
    <FormModal<{ issuer: string; number: string; amountFen: number }>
      title={t('booking.desk.voucherTitle', { charge: yuan(b.chargeFen ?? 0), left: yuan(left) })}
      onClose={onClose}
      done={t('booking.desk.voucherDone')}
      initialValues={{ amountFen: left / 100 }}
      run={async (v) => {
        await bookingApi.redeemVoucher({ id: b.id, body: { issuer: v.issuer, number: v.number, amountFen: Math.round(v.amountFen * 100) } });
        await refresh();
      }}
    >
      <Form.Item name="issuer" label={t('booking.desk.voucherIssuer')} rules={[{ required: true, message: t('booking.desk.voucherIssuer') }]}>
        <Input maxLength={100} placeholder={t('booking.desk.voucherIssuerHint')} />
      </Form.Item>
      <Form.Item name="number" label={t('booking.desk.voucherNumber')} rules={[{ required: true, message: t('booking.desk.voucherNumber') }]}>
        <Input maxLength={64} />
      </Form.Item>
      {/* Named as the server's field, so its error shows here; typed in 元, sent in 分. */}
      <Form.Item name="amountFen" label={t('booking.desk.voucherAmount')} rules={[{ required: true, message: t('booking.desk.voucherAmount') }]}>
        <InputNumber min={0.01} max={left / 100} precision={2} addonAfter="元" />
      </Form.Item>
    </FormModal>
  );
}

function QualifyModal({ b, onClose }: { b: BookingRow; onClose: () => void }) {
  const { t } = useTranslation();
  const refresh = useRefresh();
  return (
    <FormModal<{ expiresOn: Dayjs; note?: string }>
      title={t('booking.desk.qualifyTitle', { user: b.userName, name: b.resourceName })}
      onClose={onClose}
      done={t('booking.desk.qualified')}
      initialValues={{ expiresOn: dayjs().add(1, 'year') }}
      run={async (v) => {
        await bookingApi.grantQualification({ id: b.resourceId, userId: b.userId, expiresOn: v.expiresOn.format('YYYY-MM-DD'), note: v.note?.trim() || null });
        await refresh();
      }}
    >
      <Form.Item name="expiresOn" label={t('booking.desk.expiresOn')} rules={[{ required: true, message: t('booking.desk.expiresOn') }]}>
        <DatePicker disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
      </Form.Item>
      <Form.Item name="note" label={t('booking.desk.qualifyNote')}>
        <Input maxLength={200} placeholder={t('booking.desk.qualifyNoteHint')} />
      </Form.Item>
    </FormModal>
  );
}

function RejectModal({ b, onClose }: { b: BookingRow; onClose: () => void }) {
  const { t } = useTranslation();
  const refresh = useRefresh();
  return (
    <FormModal<{ reason?: string }>
      title={t('booking.desk.rejectTitle', { user: b.userName, range: rangeText(b.startsAt, b.endsAt) })}
      onClose={onClose}
      done={t('booking.desk.rejected')}
      run={async (v) => {
        await bookingApi.decide({ id: b.id, approve: false, reason: v.reason?.trim() || null });
        await refresh();
      }}
    >
      <Form.Item name="reason" label={t('booking.desk.rejectReason')}>
        <Input.TextArea rows={3} maxLength={200} />
      </Form.Item>
    </FormModal>
  );
}

type BookingFilters = { status?: BookingStatus; resourceId?: string; range?: [Dayjs, Dayjs] };

/** The space's bookings with the desk's actions; `fixed` narrows it (today's, approvals waiting, no-shows). */
function SpaceBookings({ spaceId, fixed, empty, filters, resources }: { spaceId: string; fixed: { status?: BookingStatus; from?: string; to?: string }; empty: string; filters?: boolean; resources: SpaceResource[] }) {
  const { t } = useTranslation();
  return (
    <PagedTable<BookingRow, BookingFilters, Awaited<ReturnType<typeof bookingApi.spaceBookings>>, { status?: BookingStatus; from?: string; to?: string; spaceId: string }>
      queryKey={bookingKeys.spaceBookings}
      list={({ spaceId: s, ...q }) => bookingApi.spaceBookings(s, q)}
      fixed={{ ...fixed, spaceId }}
      rowKey="id"
      emptyText={empty}
      // The all-bookings view keeps its filters in the address (the tab and space are there already).
      inUrl={
        filters
          ? {
              keys: ['status', 'resourceId', 'from', 'to'],
              toParams: (v) => ({ status: v.status, resourceId: v.resourceId, from: v.range?.[0].format('YYYY-MM-DD'), to: v.range?.[1].format('YYYY-MM-DD') }),
              fromParams: (p) => ({ status: p.status as BookingStatus | undefined, resourceId: p.resourceId, range: p.from && p.to ? [dayjs(p.from), dayjs(p.to)] : undefined }),
            }
          : undefined
      }
      filters={
        filters && (
          <>
            <Form.Item name="resourceId" label={t('booking.resource')}>
              <Select allowClear style={{ width: 200 }} options={resources.map((r) => ({ value: r.id, label: r.name }))} />
            </Form.Item>
            <Form.Item name="status" label={t('booking.statusLabel')}>
              <Select allowClear style={{ width: 120 }} options={BOOKING_STATUSES.map((s) => ({ value: s, label: t(`booking.status.${s}`) }))} />
            </Form.Item>
            <Form.Item name="range" label={t('booking.time')}>
              <DatePicker.RangePicker />
            </Form.Item>
          </>
        )
      }
      toQuery={(v) => ({
        status: v.status,
        resourceId: v.resourceId,
        from: v.range ? dayStart(v.range[0].format('YYYY-MM-DD')) : undefined,
        to: v.range ? dayStart(nextDay(v.range[1].format('YYYY-MM-DD'))) : undefined,
      })}
      columns={[
        { title: t('booking.time'), key: 'time', render: (_, b) => rangeText(b.startsAt, b.endsAt) },
        { title: t('booking.resource'), key: 'resource', render: (_, b) => <Link to={`/app/resources/${b.resourceId}`}>{b.resourceName}</Link> },
        {
          title: t('booking.desk.booker'),
          key: 'user',
          render: (_, b) => (
            <>
              {b.userName} <Typography.Text type="secondary">{b.userMobile ?? ''}</Typography.Text> <Tag>{t(`booking.groups.${b.userGroup}`)}</Tag>
            </>
          ),
        },
        { title: t('booking.purpose'), key: 'purpose', render: (_, b) => b.purpose ?? '—' },
        {
          title: t('booking.statusLabel'),
          key: 'status',
          render: (_, b) => (
            <>
              <BookingStatusTag status={b.status} />
              {b.strike && <Tag color="magenta">{t('booking.desk.strike')}</Tag>}
            </>
          ),
        },
        { title: t('booking.checkedIn'), key: 'checkedIn', render: (_, b) => (b.checkedInAt ? formatDateTime(b.checkedInAt) : '—') },
        {
          title: t('booking.charge'),
          key: 'charge',
          render: (_, b) => (b.chargeFen === null ? '—' : `${yuan(b.chargeFen)}${b.vouchersFen ? `（${t('booking.desk.vouchersFen', { amount: yuan(b.vouchersFen) })}）` : ''}`),
        },
        { title: t('common.actions'), key: 'actions', fixed: 'right', render: (_, b) => <BookingActions b={b} /> },
      ]}
    />
  );
}

/** Check-in by the QR code's token: a scanner types it into the field and presses Enter. */
function TokenCheckIn() {
  const { t } = useTranslation();
  const [token, setToken] = useState('');
  const checkIn = useAction(bookingApi.checkInByToken, DESK_KEYS, (b) => t('booking.desk.checkedInWho', { user: b.userName, name: b.resourceName }));
  return (
    <Input.Search
      style={{ maxWidth: 420 }}
      placeholder={t('booking.desk.tokenHint')}
      enterButton={t('booking.desk.checkIn')}
      value={token}
      loading={checkIn.isPending}
      onChange={(e) => setToken(e.target.value)}
      onSearch={(v) => v.trim() && checkIn.mutate(v.trim(), { onSuccess: () => setToken('') })}
      data-testid="check-in-token"
    />
  );
}

function ResourcesTab({ spaceId, filed, resources, manage }: { spaceId: string; filed: boolean; resources: SpaceResource[]; manage: boolean }) {
  const { t } = useTranslation();
  const [creating, setCreating] = useState(false);
  return (
    <>
      {!filed && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('booking.desk.notListed')} data-testid="resources-not-listed" />}
      {manage && (
        <Flex justify="end" style={{ marginBottom: 12 }}>
          <Button type="primary" onClick={() => setCreating(true)} data-testid="resource-create">
            {t('booking.desk.newResource')}
          </Button>
        </Flex>
      )}
      <Table<SpaceResource>
        rowKey="id"
        dataSource={resources}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={manage ? t('booking.desk.noResources') : t('booking.desk.noResourcesStaff')} /> }}
        columns={[
          { title: t('booking.name'), key: 'name', render: (_, r) => <Link to={`/app/resources/${r.id}`}>{r.name}</Link>, sorter: (a, b) => a.name.localeCompare(b.name, 'zh') },
          { title: t('booking.kind'), key: 'kind', render: (_, r) => t(`booking.kinds.${r.kind}`) },
          { title: t('booking.category'), key: 'category', dataIndex: 'category' },
          { title: t('booking.location'), key: 'location', dataIndex: 'location' },
          { title: t('booking.fee'), key: 'fee', render: (_, r) => <FeeText r={r} /> },
          { title: t('booking.find.openTo'), key: 'rules', render: (_, r) => (r.rules.length ? r.rules.map((x) => <Tag key={x.userGroup}>{t(`booking.groups.${x.userGroup}`)}</Tag>) : <Typography.Text type="warning">{t('booking.rules.none')}</Typography.Text>) },
          { title: t('booking.statusLabel'), key: 'active', render: (_, r) => (r.active ? <Tag color="green">{t('booking.active')}</Tag> : <Tag>{t('booking.inactive')}</Tag>) },
        ]}
      />
      {creating && <ResourceModal spaceId={spaceId} onClose={() => setCreating(false)} />}
    </>
  );
}

type By = UsageQuery['by'] & string;
const USAGE_GROUPINGS: By[] = ['resource', 'user', 'team', 'month'];

/** Hours, bookings, charges and vouchers of a period by resource, user, team or month; the period's records as Excel. */
function UsageTab({ spaceId }: { spaceId: string }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const from = params.get('from') ?? dayjs().startOf('month').format('YYYY-MM-DD');
  const to = params.get('to') ?? nextDay(shanghaiToday());
  const by = (USAGE_GROUPINGS.includes(params.get('by') as By) ? params.get('by') : 'resource') as By;
  const set = (next: Record<string, string>) =>
    setParams((p) => {
      const out = new URLSearchParams(p);
      for (const [k, v] of Object.entries(next)) out.set(k, v);
      return out;
    });
  const usage = useQuery({ queryKey: [bookingKeys.usage, spaceId, from, to, by], queryFn: () => bookingApi.usage(spaceId, { from, to, by }) });
  const rows = usage.data ?? [];
  const total = rows.reduce((s, r) => ({ bookings: s.bookings + r.bookings, hours: s.hours + r.hours, chargeFen: s.chargeFen + r.chargeFen, vouchersFen: s.vouchersFen + r.vouchersFen }), { bookings: 0, hours: 0, chargeFen: 0, vouchersFen: 0 });
  return (
    <>
      <Flex justify="space-between" wrap gap={12} style={{ marginBottom: 12 }}>
        <Space wrap>
          <span>{t('booking.usage.period')}</span>
          <DatePicker.RangePicker
            allowClear={false}
            value={[dayjs(from), dayjs(to).subtract(1, 'day')]}
            onChange={(v) => v?.[0] && v[1] && set({ from: v[0].format('YYYY-MM-DD'), to: nextDay(v[1].format('YYYY-MM-DD')) })}
          />
          <Segmented<By>
            value={by}
            onChange={(v) => set({ by: v })}
            options={USAGE_GROUPINGS.map((v) => ({ value: v, label: t(`booking.usage.by.${v}`) }))}
          />
        </Space>
        <Button href={bookingLinks.usageXlsx(spaceId, from, to)} data-testid="usage-export">
          {t('booking.usage.export')}
        </Button>
      </Flex>
      {usage.error ? (
        <QueryError error={usage.error} onRetry={() => void usage.refetch()} />
      ) : (
        <Table<UsageRow>
          rowKey="key"
          loading={usage.isFetching}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('booking.usage.empty')} /> }}
          columns={[
            { title: t(`booking.usage.by.${by}`), key: 'label', dataIndex: 'label' },
            { title: t('booking.usage.bookings'), key: 'bookings', dataIndex: 'bookings', sorter: (a, b) => a.bookings - b.bookings },
            { title: t('booking.usage.hours'), key: 'hours', dataIndex: 'hours', sorter: (a, b) => a.hours - b.hours },
            { title: t('booking.usage.charge'), key: 'charge', render: (_, r) => (r.chargeFen / 100).toFixed(2), sorter: (a, b) => a.chargeFen - b.chargeFen },
            { title: t('booking.usage.vouchers'), key: 'vouchers', render: (_, r) => (r.vouchersFen / 100).toFixed(2) },
          ]}
          summary={() =>
            rows.length > 1 && (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>{t('booking.usage.total')}</Table.Summary.Cell>
                <Table.Summary.Cell index={1}>{total.bookings}</Table.Summary.Cell>
                <Table.Summary.Cell index={2}>{Math.round(total.hours * 10) / 10}</Table.Summary.Cell>
                <Table.Summary.Cell index={3}>{(total.chargeFen / 100).toFixed(2)}</Table.Summary.Cell>
                <Table.Summary.Cell index={4}>{(total.vouchersFen / 100).toFixed(2)}</Table.Summary.Cell>
              </Table.Summary.Row>
            )
          }
        />
      )}
    </>
  );
}

const TABS = ['today', 'approvals', 'bookings', 'noShows', 'resources', 'usage'] as const;
type Tab = (typeof TABS)[number];

/**
 * 设备与场地: a space's desk — today's bookings with check-in (scan or click) and check-out, approvals
 * waiting, all bookings, no-shows, the resources (create; a row opens its rules, stops and
 * qualifications) and usage with the Excel export.
 */
export default function Desk() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const spaces = useQuery({ queryKey: ['booking-desk-spaces'], queryFn: () => registryApi.spaces({ pageSize: 100 }) });
  const options = (spaces.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }));
  const spaceId = params.get('space') ?? options[0]?.value;
  const filed = spaces.data?.items.find((s) => s.id === spaceId)?.filed ?? true;
  const tab: Tab = TABS.includes(params.get('tab') as Tab) ? (params.get('tab') as Tab) : 'today';
  const resources = useQuery({ queryKey: [bookingKeys.spaceResources, spaceId], queryFn: () => bookingApi.spaceResources(spaceId!), enabled: !!spaceId });
  const set = (next: Record<string, string>) =>
    setParams((p) => {
      const out = new URLSearchParams();
      const space = p.get('space');
      if (space) out.set('space', space);
      for (const [k, v] of Object.entries(next)) out.set(k, v);
      return out;
    });
  if (spaces.error) return <QueryError error={spaces.error} onRetry={() => void spaces.refetch()} />;
  if (spaces.data && !options.length)
    return (
      <Card title={t('booking.desk.title')}>
        <Empty description={t('booking.desk.noSpace')}>
          <Link to="/app/spaces">{t('booking.desk.toSpaces')}</Link>
        </Empty>
      </Card>
    );
  const today = shanghaiToday();
  const list = resources.data ?? [];
  const manage = !!me.data && can(me.data, 'booking.manage');
  return (
    <Card
      loading={spaces.isPending}
      title={t('booking.desk.title')}
      extra={
        options.length > 1 && (
          <Select style={{ width: 280 }} value={spaceId} options={options} onChange={(v) => set({ space: v, tab })} data-testid="desk-space" />
        )
      }
    >
      {spaceId && (
        <Tabs
          activeKey={tab}
          onChange={(k) => set({ tab: k })}
          destroyOnHidden
          items={[
            {
              key: 'today',
              label: t('booking.desk.tabs.today'),
              children: (
                <>
                  <Flex justify="space-between" wrap gap={12} style={{ marginBottom: 12 }}>
                    <TokenCheckIn />
                    <Typography.Text type="secondary">{t('booking.desk.todayNote', { day: today })}</Typography.Text>
                  </Flex>
                  <SpaceBookings spaceId={spaceId} resources={list} fixed={{ from: dayStart(today), to: dayStart(nextDay(today)) }} empty={t('booking.desk.emptyToday')} />
                </>
              ),
            },
            { key: 'approvals', label: t('booking.desk.tabs.approvals'), children: <SpaceBookings spaceId={spaceId} resources={list} fixed={{ status: 'pending' }} empty={t('booking.desk.emptyApprovals')} /> },
            { key: 'bookings', label: t('booking.desk.tabs.bookings'), children: <SpaceBookings spaceId={spaceId} resources={list} fixed={{}} filters empty={t('booking.desk.emptyBookings')} /> },
            { key: 'noShows', label: t('booking.desk.tabs.noShows'), children: <SpaceBookings spaceId={spaceId} resources={list} fixed={{ status: 'no_show' }} empty={t('booking.desk.emptyNoShows')} /> },
            {
              key: 'resources',
              label: t('booking.desk.tabs.resources', { count: list.length }),
              children: resources.error ? <QueryError error={resources.error} onRetry={() => void resources.refetch()} /> : <ResourcesTab spaceId={spaceId} filed={filed} resources={list} manage={manage} />,
            },
            { key: 'usage', label: t('booking.desk.tabs.usage'), children: <UsageTab spaceId={spaceId} /> },
          ]}
        />
      )}
    </Card>
  );
}
