import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Descriptions, Empty, Flex, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { bookingApi, bookingKeys, type BookingRule, type Calendar, hhmm, type Resource } from '../../api/booking';
import { errorMessage } from '../../api/client';
import { useBreadcrumbTitle } from '../../app/breadcrumbs';
import { QueryError } from '../../components/QueryError';
import { useFormErrors } from '../../components/useFormErrors';
import { dayStart, FeeText, nextDay, OpeningHoursText, rangeText, ResourcePhotos, shanghaiToday } from './parts';

const STEP = 30;
const MINUTE = 60_000;

type SlotState = 'free' | 'taken' | 'mine' | 'blackout' | 'past';
interface Slot {
  minute: number;
  startsAt: Date;
  endsAt: Date;
  state: SlotState;
  /** The booking holding a taken slot (what a waitlist entry waits for). */
  holder?: { startsAt: string; endsAt: string };
}

const overlaps = (a: { startsAt: Date; endsAt: Date }, s: string, e: string) => a.startsAt < new Date(e) && new Date(s) < a.endsAt;

/** The day's half-hour slots within the opening hours, each free, taken (no one's name), mine, stopped or past. */
function slotsOf(day: string, hours: Resource['openingHours'], cal: Calendar | undefined): Slot[] {
  const weekday = (dayjs(day).day() + 6) % 7;
  const open = hours[weekday];
  if (!open) return [];
  const base = new Date(dayStart(day)).getTime();
  const now = Date.now();
  const slots: Slot[] = [];
  for (let m = open.open; m + STEP <= open.close; m += STEP) {
    const slot = { minute: m, startsAt: new Date(base + m * MINUTE), endsAt: new Date(base + (m + STEP) * MINUTE) };
    const taken = cal?.taken.find((b) => overlaps(slot, b.startsAt, b.endsAt));
    const state: SlotState = cal?.blackouts.some((b) => overlaps(slot, b.startsAt, b.endsAt))
      ? 'blackout'
      : taken
        ? taken.mine
          ? 'mine'
          : 'taken'
        : slot.endsAt.getTime() <= now
          ? 'past'
          : 'free';
    slots.push({ ...slot, state, holder: taken && !taken.mine ? { startsAt: taken.startsAt, endsAt: taken.endsAt } : undefined });
  }
  return slots;
}

/** The slot grid as a form control: its value is the chosen start (ISO), a taken slot is reported to `onTaken`. */
function SlotGrid({ slots, value, onChange, onTaken }: { slots: Slot[]; value?: string; onChange?: (v: string) => void; onTaken: (s: Slot) => void }) {
  const { t } = useTranslation();
  return (
    <Flex wrap gap={6} data-testid="booking-slots">
      {slots.map((s) => {
        const chosen = value !== undefined && new Date(value).getTime() === s.startsAt.getTime();
        return (
          <Button
            key={s.minute}
            size="small"
            type={chosen ? 'primary' : 'default'}
            danger={s.state === 'taken'}
            disabled={s.state === 'past' || s.state === 'blackout' || s.state === 'mine'}
            title={t(`booking.slot.${s.state}`)}
            data-testid={`slot-${hhmm(s.minute)}`}
            data-state={s.state}
            onClick={() => (s.state === 'taken' ? onTaken(s) : onChange?.(s.startsAt.toISOString()))}
          >
            {hhmm(s.minute)}
            {s.state !== 'free' && s.state !== 'past' && <Typography.Text type="secondary" style={{ marginLeft: 4, fontSize: 12 }}>{t(`booking.slot.${s.state}`)}</Typography.Text>}
          </Button>
        );
      })}
    </Flex>
  );
}

function RulesTable({ rules }: { rules: BookingRule[] }) {
  const { t } = useTranslation();
  const mins = (m: number) => t('booking.minutes', { count: m });
  return (
    <Table<BookingRule>
      rowKey="userGroup"
      size="small"
      pagination={false}
      dataSource={rules}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('booking.rules.none') }}
      columns={[
        { title: t('booking.rules.group'), key: 'group', render: (_, r) => t(`booking.groups.${r.userGroup}`) },
        { title: t('booking.rules.windowDays'), key: 'window', render: (_, r) => t('booking.days', { count: r.windowDays }) },
        { title: t('booking.rules.noticeMinutes'), key: 'notice', render: (_, r) => mins(r.noticeMinutes) },
        { title: t('booking.rules.length'), key: 'length', render: (_, r) => `${mins(r.minMinutes)} – ${mins(r.maxMinutes)}` },
        { title: t('booking.rules.bufferMinutes'), key: 'buffer', render: (_, r) => mins(r.bufferMinutes) },
        { title: t('booking.rules.dailyCapMinutes'), key: 'daily', render: (_, r) => mins(r.dailyCapMinutes) },
        { title: t('booking.rules.futureCap'), key: 'future', render: (_, r) => t('booking.count', { count: r.futureCap }) },
        { title: t('booking.rules.needsApproval'), key: 'approval', render: (_, r) => (r.needsApproval ? t('common.yes') : t('common.no')) },
        { title: t('booking.rules.requiresQualification'), key: 'qual', render: (_, r) => (r.requiresQualification ? t('common.yes') : t('common.no')) },
      ]}
    />
  );
}

type BookForm = { startsAt?: string; endsAt?: string; purpose?: string };

/**
 * One shared resource for a booker: specs, fee, opening hours and the rules of each user group; the
 * day's slots (free, taken — without anyone's name —, stopped); booking a range, or joining the
 * waitlist of a taken one. With `?move=<booking>` the same view moves that booking.
 */
export default function ResourceDetail() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const day = params.get('day') && params.get('day')! >= shanghaiToday() ? params.get('day')! : shanghaiToday();
  const moving = params.get('move');
  const [form] = Form.useForm<BookForm>();
  const errors = useFormErrors(form);
  const resource = useQuery({ queryKey: [bookingKeys.resource, id], queryFn: () => bookingApi.resource(id) });
  useBreadcrumbTitle(resource.data?.name);
  const cal = useQuery({ queryKey: [bookingKeys.calendar, id, day], queryFn: () => bookingApi.calendar(id, dayStart(day), dayStart(nextDay(day))) });
  const movingBooking = useQuery({ queryKey: [bookingKeys.booking, moving], queryFn: () => bookingApi.booking(moving!), enabled: !!moving });
  const startsAt = Form.useWatch('startsAt', form);
  const [taken, setTaken] = useState<{ startsAt: string; endsAt: string } | null>(null);

  const done = async () => {
    await Promise.all([bookingKeys.calendar, bookingKeys.mine, bookingKeys.waits, bookingKeys.search].map((k) => queryClient.invalidateQueries({ queryKey: [k] })));
  };
  const submit = useMutation({
    mutationFn: (v: Required<Pick<BookForm, 'startsAt' | 'endsAt'>> & { purpose?: string }) =>
      moving && movingBooking.data
        ? bookingApi.move({ id: moving, startsAt: v.startsAt, endsAt: v.endsAt, revision: movingBooking.data.revision })
        : bookingApi.book({ id, startsAt: v.startsAt, endsAt: v.endsAt, purpose: v.purpose?.trim() || null }),
    onSuccess: async (b) => {
      errors.clear();
      message.success(moving ? t('booking.detail.moved') : b.status === 'pending' ? t('booking.detail.bookedPending') : t('booking.detail.booked'));
      await done();
      navigate('/app/my-bookings');
    },
    onError: errors.onError,
  });
  const wait = useMutation({
    mutationFn: (range: { startsAt: string; endsAt: string }) => bookingApi.joinWaitlist({ id, ...range }),
    onSuccess: async () => {
      message.success(t('booking.detail.waiting'));
      setTaken(null);
      await done();
    },
    onError: (err) => message.error(errorMessage(err)),
  });

  if (resource.error) return <QueryError error={resource.error} onRetry={() => void resource.refetch()} />;
  const r = resource.data;
  const slots = r ? slotsOf(day, r.openingHours, cal.data) : [];
  const start = startsAt ? slots.findIndex((s) => s.startsAt.getTime() === new Date(startsAt).getTime()) : -1;
  // Ends run over consecutive free slots from the chosen start; the server checks the lengths of the rule.
  const ends: { value: string; label: string }[] = [];
  if (start >= 0) for (let i = start; i < slots.length && (i === start || slots[i]!.state === 'free'); i++) ends.push({ value: slots[i]!.endsAt.toISOString(), label: hhmm(slots[i]!.minute + STEP) });

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        loading={resource.isPending}
        title={
          r && (
            <Space>
              {r.name}
              <Tag>{t(`booking.kinds.${r.kind}`)}</Tag>
              {!r.active && <Tag color="red">{t('booking.inactive')}</Tag>}
            </Space>
          )
        }
      >
        {r && (
          <>
            {r.photoIds.length > 0 && (
              <div style={{ marginBottom: 16 }}>
                <ResourcePhotos resourceId={r.id} name={r.name} photoIds={r.photoIds} size={120} />
              </div>
            )}
            <Descriptions column={{ xs: 1, md: 2 }} size="small">
              <Descriptions.Item label={t('booking.space')}>{r.spaceName}</Descriptions.Item>
              <Descriptions.Item label={t('booking.category')}>{r.category}</Descriptions.Item>
              <Descriptions.Item label={t('booking.location')}>{r.location}</Descriptions.Item>
              <Descriptions.Item label={t('booking.fee')}>
                <FeeText r={r} />
                {r.freeQuotaHours > 0 && `；${t('booking.freeQuota', { count: r.freeQuotaHours })}`}
              </Descriptions.Item>
              <Descriptions.Item label={t('booking.openingHours')} span={2}>
                <OpeningHoursText hours={r.openingHours} />
              </Descriptions.Item>
              {Object.entries(r.specs).map(([k, v]) => (
                <Descriptions.Item key={k} label={k}>
                  {v}
                </Descriptions.Item>
              ))}
              {r.description && (
                <Descriptions.Item label={t('booking.description')} span={2}>
                  {r.description}
                </Descriptions.Item>
              )}
            </Descriptions>
            <Typography.Title level={5} style={{ marginTop: 16 }}>
              {t('booking.rules.title')}
            </Typography.Title>
            <RulesTable rules={r.rules} />
            {r.blackouts.length > 0 && (
              <Alert
                style={{ marginTop: 12 }}
                type="warning"
                showIcon
                title={t('booking.detail.blackouts')}
                description={r.blackouts.map((b) => `${rangeText(b.startsAt, b.endsAt)} ${b.reason}`).join('；')}
              />
            )}
          </>
        )}
      </Card>
      <Card
        title={moving ? t('booking.detail.moveTitle') : t('booking.detail.bookTitle')}
        extra={
          <Space>
            <span>{t('booking.detail.day')}</span>
            <DatePicker
              allowClear={false}
              value={dayjs(day)}
              disabledDate={(d) => d.isBefore(dayjs(shanghaiToday()), 'day')}
              onChange={(d) => {
                if (!d) return;
                form.resetFields();
                errors.clear();
                setParams((p) => {
                  const next = new URLSearchParams(p);
                  next.set('day', d.format('YYYY-MM-DD'));
                  return next;
                });
              }}
              data-testid="booking-day"
            />
          </Space>
        }
      >
        {moving && movingBooking.data && (
          <Alert style={{ marginBottom: 12 }} type="info" showIcon title={t('booking.detail.moving', { range: rangeText(movingBooking.data.startsAt, movingBooking.data.endsAt) })} />
        )}
        <Typography.Paragraph type="secondary">{t('booking.detail.slotsHint')}</Typography.Paragraph>
        {cal.error ? (
          <QueryError error={cal.error} onRetry={() => void cal.refetch()} />
        ) : r && slots.length === 0 ? (
          <Empty description={t('booking.detail.closedDay')} />
        ) : (
          <>
            {errors.alert}
            {taken && (
              <Alert
                style={{ marginBottom: 12 }}
                type="warning"
                showIcon
                title={t('booking.detail.takenSlot', { range: rangeText(taken.startsAt, taken.endsAt) })}
                action={
                  <Button size="small" loading={wait.isPending} onClick={() => wait.mutate(taken)} data-testid="join-waitlist">
                    {t('booking.detail.joinWaitlist')}
                  </Button>
                }
                closable={{ onClose: () => setTaken(null) }}
              />
            )}
            <Form<BookForm>
              form={form}
              layout="vertical"
              onFinish={(v) => {
                if (!v.startsAt || !v.endsAt) return;
                submit.mutate({ startsAt: v.startsAt, endsAt: v.endsAt, purpose: v.purpose });
              }}
            >
              <Form.Item name="startsAt" label={t('booking.detail.start')} rules={[{ required: true, message: t('booking.detail.chooseStart') }]}>
                <SlotGrid
                  slots={slots}
                  onChange={() => {
                    form.setFieldValue('endsAt', undefined);
                    setTaken(null);
                  }}
                  onTaken={(s) => setTaken(s.holder ?? null)}
                />
              </Form.Item>
              <Flex gap={16} wrap>
                <Form.Item name="endsAt" label={t('booking.detail.end')} rules={[{ required: true, message: t('booking.detail.chooseEnd') }]}>
                  <Select style={{ width: 140 }} options={ends} disabled={!ends.length} data-testid="booking-end" />
                </Form.Item>
                {!moving && (
                  <Form.Item name="purpose" label={t('booking.purpose')}>
                    <Input style={{ width: 360 }} maxLength={200} placeholder={t('booking.detail.purposeHint')} />
                  </Form.Item>
                )}
              </Flex>
              <Button type="primary" htmlType="submit" loading={submit.isPending} disabled={!r?.active} data-testid="booking-submit">
                {moving ? t('booking.detail.move') : t('booking.detail.book')}
              </Button>
            </Form>
          </>
        )}
      </Card>
    </Space>
  );
}
