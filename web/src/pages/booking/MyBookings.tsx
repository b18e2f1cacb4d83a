import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, List, Modal, QRCode, Segmented, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { bookingApi, bookingKeys, type BookingRow, type MyQualification, yuan } from '../../api/booking';
import { PagedTable } from '../../components/PagedTable';
import { QueryError } from '../../components/QueryError';
import { useAction } from '../../components/useAction';
import { formatDateTime } from '../../lib/format';
import { BookingStatusTag, QualificationTag, rangeText, shanghaiText } from './parts';

const STRIKE_DAYS = 90;

/** A resource as "name · space", opening its day view. */
function ResourceLink({ r }: { r: { resourceId: string; resourceName: string; spaceName: string } }) {
  return (
    <Link to={`/app/booking/${r.resourceId}`}>
      {r.resourceName} · {r.spaceName}
    </Link>
  );
}

/** Waitlist entries: an offer to accept before it expires, the others to leave. */
function Waits() {
  const { t } = useTranslation();
  const waits = useQuery({ queryKey: [bookingKeys.waits], queryFn: bookingApi.myWaits });
  const accept = useAction(bookingApi.acceptOffer, [[bookingKeys.waits], [bookingKeys.mine]], () => t('booking.mine.accepted'));
  const leave = useAction(bookingApi.leaveWaitlist, [[bookingKeys.waits]], () => t('booking.mine.left'));
  if (waits.error) return <QueryError error={waits.error} onRetry={() => void waits.refetch()} />;
  const open = (waits.data ?? []).filter((w) => w.status === 'waiting' || w.status === 'offered');
  if (!open.length) return null;
  return (
    <Card title={t('booking.mine.waits')} size="small">
      <List
        dataSource={open}
        renderItem={(w) => (
          <List.Item
            actions={[
              w.status === 'offered' && (
                <Button key="accept" type="primary" size="small" loading={accept.isPending} onClick={() => accept.mutate(w.id)} data-testid="accept-offer">
                  {t('booking.mine.accept')}
                </Button>
              ),
              <Button key="leave" size="small" onClick={() => leave.mutate(w.id)}>
                {t('booking.mine.leave')}
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={<ResourceLink r={w} />}
              description={
                <>
                  {rangeText(w.startsAt, w.endsAt)}{' '}
                  {w.status === 'offered' && w.offeredUntil ? (
                    <Typography.Text type="warning">{t('booking.mine.offeredUntil', { at: shanghaiText(w.offeredUntil) })}</Typography.Text>
                  ) : (
                    t('booking.mine.waiting')
                  )}
                </>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}

/** The spaces where the strike rule bars the booker now, each until its day: told before a booking is refused. */
function Bans() {
  const { t } = useTranslation();
  const bans = useQuery({ queryKey: [bookingKeys.bans], queryFn: bookingApi.myBans });
  if (bans.error) return <QueryError error={bans.error} onRetry={() => void bans.refetch()} />;
  if (!bans.data?.length) return null;
  return (
    <Space direction="vertical" size={8} style={{ width: '100%' }} data-testid="booking-bans">
      {bans.data.map((b) => (
        <Alert key={b.spaceId} type="error" showIcon title={t('booking.mine.banned', { count: b.strikes, date: b.untilDay, space: b.spaceName })} description={t('booking.mine.bannedHint')} />
      ))}
    </Space>
  );
}

/** The booker's no-shows and late cancellations of the last 90 days, and what the strike rule does. */
function Strikes() {
  const { t } = useTranslation();
  const from = new Date(Date.now() - STRIKE_DAYS * 86_400_000).toISOString();
  const recent = useQuery({ queryKey: [bookingKeys.mine, 'strikes'], queryFn: () => bookingApi.mine({ from, page: 1, pageSize: 100 }) });
  const strikes = (recent.data?.items ?? []).filter((b) => b.strike);
  if (!strikes.length) return null;
  return (
    <Alert
      type="warning"
      showIcon
      title={t('booking.mine.strikes', { count: strikes.length, days: STRIKE_DAYS })}
      description={strikes.map((b) => `${b.resourceName} ${rangeText(b.startsAt, b.endsAt)}（${t(`booking.status.${b.status}`)}）`).join('；')}
    />
  );
}

/** The qualifications spaces granted the maker after a training: where, until when, and whether still valid. */
function Qualifications() {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: [bookingKeys.myQualifications], queryFn: bookingApi.myQualifications });
  if (q.error) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data?.length) return null;
  return (
    <Card title={t('booking.mine.qualifications')} size="small" data-testid="my-qualifications">
      <Typography.Paragraph type="secondary">{t('booking.mine.qualificationsHint')}</Typography.Paragraph>
      <Table<MyQualification>
        rowKey="resourceId"
        size="small"
        pagination={false}
        dataSource={q.data}
        columns={[
          { title: t('booking.resource'), key: 'resource', render: (_, x) => <ResourceLink r={x} /> },
          { title: t('booking.qualifications.grantedOn'), key: 'granted', dataIndex: 'grantedOn' },
          { title: t('booking.desk.expiresOn'), key: 'expires', dataIndex: 'expiresOn' },
          { title: t('booking.statusLabel'), key: 'state', render: (_, x) => <QualificationTag state={x.state} /> },
        ]}
      />
    </Card>
  );
}

type When = 'upcoming' | 'past';

/**
 * 我的预约: upcoming and past bookings across all spaces; the QR code of the check-in token, cancel
 * and move within the rules; waitlist offers; the strikes that may bar booking; the maker's qualifications.
 */
export default function MyBookings() {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const [params, setParams] = useSearchParams();
  const when: When = params.get('when') === 'past' ? 'past' : 'upcoming';
  const [qr, setQr] = useState<BookingRow | null>(null);
  const cancel = useAction(bookingApi.cancel, [[bookingKeys.mine], [bookingKeys.calendar]], () => t('booking.mine.cancelled'));
  // The boundary is the hour the page opened: a booking in progress is still "upcoming".
  const [now] = useState(() => new Date(Math.floor(Date.now() / 3600_000) * 3600_000).toISOString());
  const confirmCancel = (b: BookingRow) =>
    modal.confirm({
      title: t('booking.mine.cancelTitle', { name: b.resourceName, range: rangeText(b.startsAt, b.endsAt) }),
      content: t('booking.mine.cancelNote'),
      okText: t('booking.mine.cancel'),
      okButtonProps: { danger: true },
      onOk: () => cancel.mutateAsync({ id: b.id }),
    });
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Bans />
      <Strikes />
      <Waits />
      <Qualifications />
      <Card
        title={t('booking.mine.title')}
        extra={
          <Space>
            <Segmented<When>
              value={when}
              options={[
                { value: 'upcoming', label: t('booking.mine.upcoming') },
                { value: 'past', label: t('booking.mine.past') },
              ]}
              onChange={(v) => setParams(v === 'past' ? { when: v } : {})}
            />
            <Link to="/app/booking">{t('booking.mine.findMore')}</Link>
          </Space>
        }
      >
        <PagedTable<BookingRow, Record<string, never>, Awaited<ReturnType<typeof bookingApi.mine>>, { from?: string; to?: string }>
          key={when}
          queryKey={bookingKeys.mine}
          list={(q) => bookingApi.mine(q)}
          fixed={when === 'past' ? { to: now } : { from: now }}
          rowKey="id"
          emptyText={when === 'past' ? t('booking.mine.emptyPast') : t('booking.mine.empty')}
          columns={[
            { title: t('booking.resource'), key: 'resource', render: (_, b) => <ResourceLink r={b} /> },
            { title: t('booking.time'), key: 'time', render: (_, b) => rangeText(b.startsAt, b.endsAt) },
            { title: t('booking.statusLabel'), key: 'status', render: (_, b) => <BookingStatusTag status={b.status} /> },
            { title: t('booking.checkedIn'), key: 'checkedIn', render: (_, b) => (b.checkedInAt ? formatDateTime(b.checkedInAt) : '—') },
            { title: t('booking.used'), key: 'used', render: (_, b) => (b.usedMinutes === null ? '—' : t('booking.minutes', { count: b.usedMinutes })) },
            { title: t('booking.charge'), key: 'charge', render: (_, b) => (b.chargeFen === null ? '—' : yuan(b.chargeFen)) },
            {
              title: t('common.actions'),
              key: 'actions',
              render: (_, b) => (
                <Space size={4}>
                  {b.checkInToken && (b.status === 'confirmed' || b.status === 'pending') && (
                    <Button size="small" onClick={() => setQr(b)} data-testid="booking-qr">
                      {t('booking.mine.qr')}
                    </Button>
                  )}
                  {b.canCancel && (b.status === 'confirmed' || b.status === 'pending') && (
                    <Link to={`/app/booking/${b.resourceId}?move=${b.id}&day=${shanghaiText(b.startsAt).slice(0, 10)}`}>{t('booking.mine.move')}</Link>
                  )}
                  {b.canCancel && (
                    <Button size="small" danger onClick={() => confirmCancel(b)}>
                      {t('booking.mine.cancel')}
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Modal open={!!qr} title={t('booking.mine.qrTitle')} footer={null} onCancel={() => setQr(null)}>
        {qr?.checkInToken && (
          <Space direction="vertical" align="center" style={{ width: '100%' }}>
            <QRCode value={qr.checkInToken} size={220} />
            <Typography.Text>
              {qr.resourceName} · {rangeText(qr.startsAt, qr.endsAt)}
            </Typography.Text>
            <Typography.Text type="secondary">{t('booking.mine.qrHint')}</Typography.Text>
            <Typography.Text copyable code data-testid="booking-token">
              {qr.checkInToken}
            </Typography.Text>
          </Space>
        )}
      </Modal>
    </Space>
  );
}
