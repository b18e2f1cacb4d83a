import { DownloadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Flex, Input, Modal, Space, Statistic, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { errorMessage, NetworkError } from '../../api/client';
import { EVENT_STATUS_COLORS, type EventDetail, eventKeys, eventLinks, eventsApi, type Scan, SIGNUP_STATUS_COLORS, type SignupRow } from '../../api/events';
import type { Page } from '../../api/types';
import { PagedTable } from '../../components/PagedTable';
import { QueryError } from '../../components/QueryError';
import { useAction } from '../../components/useAction';
import { formatDateTime } from '../../lib/format';
import { AnswersText, EventPhotosCard, SignupFormEditor } from './EventExtras';
import { EventForm } from './EventForm';

const queueKey = (id: string) => `hatchery.events.scans.${id}`;
const readQueue = (id: string): Scan[] => {
  try {
    return JSON.parse(localStorage.getItem(queueKey(id)) ?? '[]') as Scan[];
  } catch {
    return [];
  }
};

/**
 * 扫码签到: a scanner types or scans the token; offline (or when the request cannot reach the server)
 * the scan is kept on this device with its time and replayed with 同步, which counts each token once.
 */
function Scanner({ event }: { event: EventDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [token, setToken] = useState('');
  const [queue, setQueue] = useState<Scan[]>(() => readQueue(event.id));
  const [last, setLast] = useState<{ result: string; ok: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const save = (q: Scan[]) => {
    localStorage.setItem(queueKey(event.id), JSON.stringify(q));
    setQueue(q);
  };
  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: [eventKeys.event, event.id] }), queryClient.invalidateQueries({ queryKey: [eventKeys.signups] })]);

  async function scan() {
    const value = token.trim();
    if (!value) return;
    // Emptied now, not when the answer comes: the next code scanned while this one is checked in
    // must stay in the box.
    setToken('');
    const scannedAt = new Date().toISOString();
    setBusy(true);
    try {
      if (!navigator.onLine) throw new NetworkError();
      const r = await eventsApi.checkIn(event.id, value);
      setLast({ result: t(`events.scan.result.${r.result}`), ok: r.result === 'checked_in' || r.result === 'already' });
      await refresh();
    } catch (err) {
      if (err instanceof NetworkError) {
        save([...readQueue(event.id), { token: value, scannedAt }]);
        setLast({ result: t('events.scan.queued', { count: readQueue(event.id).length }), ok: true });
      } else message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  async function sync() {
    const scans = readQueue(event.id);
    if (!scans.length) return;
    try {
      const r = await eventsApi.checkInBatch(event.id, scans);
      save([]);
      message.success(t('events.scan.synced', { count: scans.length, fresh: r.results.filter((x) => x.result === 'checked_in').length }));
      await refresh();
    } catch (err) {
      message.error(errorMessage(err));
    }
  }

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary">{t('events.scan.hint')}</Typography.Paragraph>
      <Flex gap={8} wrap>
        <Input
          aria-label={t('events.scan.token')}
          placeholder={t('events.scan.token')}
          value={token}
          onChange={(e) => setToken(e.target.value)}
          onPressEnter={() => void scan()}
          style={{ width: 320 }}
          autoFocus
        />
        <Button type="primary" loading={busy} onClick={() => void scan()}>
          {t('events.scan.submit')}
        </Button>
        <Button disabled={!queue.length} onClick={() => void sync()}>
          {t('events.scan.sync')}
        </Button>
        {queue.length > 0 && <Tag color="orange">{t('events.scan.pending', { count: queue.length })}</Tag>}
      </Flex>
      {last && <Alert type={last.ok ? 'success' : 'warning'} showIcon title={last.result} data-testid="scan-result" />}
      <Statistic title={t('events.col.attendance')} value={event.attendance} />
    </Space>
  );
}

function Signups({ event }: { event: EventDetail }) {
  const { t } = useTranslation();
  const decide = useAction(({ id, approve }: { id: string; approve: boolean }) => eventsApi.decide(id, approve), [[eventKeys.signups], [eventKeys.event]], () => t('events.detail.approved'));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Flex justify="end">
        <Button icon={<DownloadOutlined />} href={eventLinks.signupsXlsx(event.id)} data-testid="signups-export">
          {t('events.detail.export')}
        </Button>
      </Flex>
      <PagedTable<SignupRow, Record<string, never>, Page<SignupRow>, { id: string }>
        queryKey={eventKeys.signups}
        fixed={{ id: event.id }}
        list={({ id, ...q }) => eventsApi.signups(id, q)}
        rowKey="id"
        emptyText={t('events.detail.noSignups')}
        columns={[
          { title: t('events.col.name'), key: 'name', sorter: true, render: (_, r) => r.name },
          {
            title: t('events.col.status'),
            key: 'status',
            sorter: true,
            render: (_, r) => (
              <>
                <Tag color={SIGNUP_STATUS_COLORS[r.status]}>{t(`events.signupStatuses.${r.status}`)}</Tag>
                {r.waitlistPlace !== null && t('events.mine.place', { place: r.waitlistPlace })}
              </>
            ),
          },
          { title: t('events.extras.answers'), key: 'answers', render: (_, r) => <AnswersText answers={r.answers} /> },
          { title: t('events.col.signedUpAt'), key: 'createdAt', sorter: true, render: (_, r) => formatDateTime(r.createdAt as unknown as string) },
          { title: t('events.col.checkedInAt'), key: 'checkedInAt', sorter: true, render: (_, r) => formatDateTime(r.checkedInAt as unknown as string | null) },
          {
            title: t('events.col.actions'),
            key: 'actions',
            render: (_, r) =>
              r.status === 'pending' ? (
                <Space>
                  <a onClick={() => decide.mutate({ id: r.id, approve: true })}>{t('events.detail.approve')}</a>
                  <a onClick={() => decide.mutate({ id: r.id, approve: false })}>{t('events.detail.reject')}</a>
                </Space>
              ) : null,
          },
        ]}
      />
    </Space>
  );
}

/** One event for its space's staff: its facts, publishing, cancelling, the sign-ups, check-in and, after it, the summary. */
export default function EventManage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const query = useQuery({ queryKey: [eventKeys.event, id], queryFn: () => eventsApi.read(id) });
  const [holding, setHolding] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [editing, setEditing] = useState(false);
  const [formOpen, setFormOpen] = useState(false);
  const [summaryOpen, setSummaryOpen] = useState(false);
  const [text, setText] = useState('');
  const invalidate = [[eventKeys.event], [eventKeys.managed]];
  const publish = useAction((e: EventDetail) => eventsApi.publish(e.id, e.revision), invalidate, () => t('events.detail.published'));
  const hold = useAction((e: EventDetail) => eventsApi.held(e.id, { summary: text, revision: e.revision }), invalidate, () => t('events.detail.heldDone'));
  const rewrite = useAction((e: EventDetail) => eventsApi.setSummary(e.id, { summary: text, revision: e.revision }), invalidate, () => t('events.extras.summarySaved'));
  const cancel = useAction((e: EventDetail) => eventsApi.cancel(e.id, { reason: text, revision: e.revision }), invalidate, () => t('events.detail.cancelled'));
  if (query.error) return <QueryError error={query.error} />;
  const e = query.data;
  if (!e) return <Card loading />;
  return (
    <Card
      title={
        <Space>
          {e.title}
          <Tag color={EVENT_STATUS_COLORS[e.status]}>{t(`events.statuses.${e.status}`)}</Tag>
        </Space>
      }
      extra={
        <Space>
          <Link to="/app/events">{t('events.detail.back')}</Link>
          {e.status === 'draft' && (
            <Button type="primary" loading={publish.isPending} onClick={() => publish.mutate(e)}>
              {t('events.detail.publish')}
            </Button>
          )}
          {e.status === 'published' && (
            <Button type="primary" onClick={() => setHolding(true)}>
              {t('events.detail.hold')}
            </Button>
          )}
          {(e.status === 'draft' || e.status === 'published') && <Button onClick={() => setEditing(true)}>{t('events.form.edit')}</Button>}
          {(e.status === 'draft' || e.status === 'published') && <Button onClick={() => setFormOpen(true)}>{t('events.extras.formEdit')}</Button>}
          {e.status === 'held' && (
            <Button
              onClick={() => {
                setText(e.summary ?? '');
                setSummaryOpen(true);
              }}
            >
              {t('events.extras.summaryEdit')}
            </Button>
          )}
          {(e.status === 'draft' || e.status === 'published') && (
            <Button danger onClick={() => setCancelling(true)}>
              {t('events.detail.cancel')}
            </Button>
          )}
        </Space>
      }
    >
      <Tabs
        items={[
          {
            key: 'info',
            label: t('events.detail.tabs.info'),
            children: (
              <Descriptions column={{ xs: 1, md: 2 }} bordered size="small">
                <Descriptions.Item label={t('events.col.space')}>{e.spaceName}</Descriptions.Item>
                <Descriptions.Item label={t('events.col.kind')}>{t(`events.kinds.${e.kind}`)}</Descriptions.Item>
                <Descriptions.Item label={t('events.col.role')}>{t(`events.roles.${e.role}`)}</Descriptions.Item>
                <Descriptions.Item label={t('events.col.partners')}>{e.partners.join('、') || '—'}</Descriptions.Item>
                <Descriptions.Item label={t('events.col.startsAt')}>
                  {formatDateTime(e.startsAt as unknown as string)} – {formatDateTime(e.endsAt as unknown as string)}
                </Descriptions.Item>
                <Descriptions.Item label={t('events.detail.window')}>
                  {formatDateTime(e.signupOpensAt as unknown as string)} – {formatDateTime(e.signupClosesAt as unknown as string)}
                </Descriptions.Item>
                <Descriptions.Item label={t('events.col.place')}>{e.place ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('events.detail.onlineLink')}>{e.onlineUrl ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('events.col.seats')}>
                  {t('events.detail.seats', { taken: e.seatsTaken, capacity: e.capacity })}，{t('events.detail.waitlisted', { count: e.waitlisted })}
                </Descriptions.Item>
                <Descriptions.Item label={t('events.detail.needsApproval')}>{e.needsApproval ? t('events.detail.yes') : t('events.detail.no')}</Descriptions.Item>
                <Descriptions.Item label={t('events.col.attendance')}>{e.attendance}</Descriptions.Item>
                <Descriptions.Item label={t('events.col.summary')} span={2}>
                  {e.summary ?? '—'}
                </Descriptions.Item>
                <Descriptions.Item label={t('events.extras.formTab')} span={2}>
                  {e.signupForm.length ? e.signupForm.map((f) => `${f.labelZh}（${t(`events.extras.types.${f.type}`)}${f.required ? `，${t('events.extras.required')}` : ''}）`).join('；') : t('events.extras.noForm')}
                </Descriptions.Item>
              </Descriptions>
            ),
          },
          { key: 'signups', label: t('events.detail.tabs.signups'), children: <Signups event={e} /> },
          ...(e.status === 'published' || e.status === 'held' ? [{ key: 'checkin', label: t('events.detail.tabs.checkin'), children: <Scanner event={e} /> }] : []),
        ]}
      />
      {e.status === 'held' && <EventPhotosCard event={e} />}
      {formOpen && <SignupFormEditor event={e} onClose={() => setFormOpen(false)} />}
      <Modal
        open={summaryOpen}
        title={t('events.extras.summaryEdit')}
        confirmLoading={rewrite.isPending}
        onCancel={() => setSummaryOpen(false)}
        onOk={() => rewrite.mutate(e, { onSuccess: () => setSummaryOpen(false) })}
      >
        <Input.TextArea aria-label={t('events.detail.summary')} rows={4} value={text} onChange={(ev) => setText(ev.target.value)} />
      </Modal>
      {editing && <EventForm open event={e} onClose={() => setEditing(false)} onCreated={() => setEditing(false)} />}
      <Modal
        open={holding}
        title={t('events.detail.hold')}
        confirmLoading={hold.isPending}
        onCancel={() => setHolding(false)}
        onOk={() => hold.mutate(e, { onSuccess: () => setHolding(false) })}
      >
        <Input.TextArea aria-label={t('events.detail.summary')} placeholder={t('events.detail.summary')} rows={4} value={text} onChange={(ev) => setText(ev.target.value)} />
      </Modal>
      <Modal
        open={cancelling}
        title={t('events.detail.cancel')}
        confirmLoading={cancel.isPending}
        onCancel={() => setCancelling(false)}
        onOk={() => cancel.mutate(e, { onSuccess: () => setCancelling(false) })}
      >
        <Input.TextArea aria-label={t('events.detail.cancelReason')} placeholder={t('events.detail.cancelReason')} rows={3} value={text} onChange={(ev) => setText(ev.target.value)} />
      </Modal>
    </Card>
  );
}
