import { Button, Card, Form, Input, Select, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { EVENT_KINDS, EVENT_STATUS_COLORS, EVENT_STATUSES, type EventItem, eventKeys, eventsApi, type ManagedQuery } from '../../api/events';
import { PagedTable } from '../../components/PagedTable';
import { formatDateTime } from '../../lib/format';
import { EventForm } from './EventForm';

type Filters = { status?: ManagedQuery['status']; kind?: ManagedQuery['kind']; q?: string };

/** 活动管理: the events of the operator's spaces, registered, published, checked in and recorded. */
export default function EventDesk() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  return (
    <Card title={t('events.desk.title')}>
      <PagedTable<EventItem, Filters>
        queryKey={eventKeys.managed}
        list={eventsApi.managed}
        inUrl={{ keys: ['status', 'kind', 'q'], toParams: (v) => ({ status: v.status, kind: v.kind, q: v.q }), fromParams: (p) => ({ status: p.status as Filters['status'], kind: p.kind as Filters['kind'], q: p.q }) }}
        rowKey="id"
        emptyText={t('events.desk.empty')}
        toolbar={
          <Button type="primary" onClick={() => setCreating(true)}>
            {t('events.form.create')}
          </Button>
        }
        filters={
          <>
            <Form.Item name="status">
              <Select allowClear placeholder={t('events.desk.allStatuses')} style={{ width: 140 }} options={EVENT_STATUSES.map((s) => ({ value: s, label: t(`events.statuses.${s}`) }))} />
            </Form.Item>
            <Form.Item name="kind">
              <Select allowClear placeholder={t('events.desk.allKinds')} style={{ width: 160 }} options={EVENT_KINDS.map((s) => ({ value: s, label: t(`events.kinds.${s}`) }))} />
            </Form.Item>
            <Form.Item name="q">
              <Input.Search allowClear placeholder={t('events.desk.search')} style={{ width: 200 }} />
            </Form.Item>
          </>
        }
        toQuery={(v) => ({ status: v.status, kind: v.kind, q: v.q || undefined })}
        columns={[
          { title: t('events.col.title'), key: 'title', sorter: true, render: (_, r) => <Link to={`/app/events/${r.id}`}>{r.title}</Link> },
          { title: t('events.col.space'), key: 'space', render: (_, r) => r.spaceName },
          { title: t('events.col.kind'), key: 'kind', sorter: true, render: (_, r) => t(`events.kinds.${r.kind}`) },
          { title: t('events.col.role'), key: 'role', render: (_, r) => t(`events.roles.${r.role}`) },
          { title: t('events.col.startsAt'), key: 'startsAt', sorter: true, render: (_, r) => formatDateTime(r.startsAt as unknown as string) },
          { title: t('events.col.status'), key: 'status', sorter: true, render: (_, r) => <Tag color={EVENT_STATUS_COLORS[r.status]}>{t(`events.statuses.${r.status}`)}</Tag> },
          { title: t('events.col.seats'), key: 'capacity', sorter: true, render: (_, r) => `${r.seatsTaken} / ${r.capacity}` },
          { title: t('events.col.attendance'), key: 'attendance', render: (_, r) => r.attendance },
        ]}
      />
      <EventForm
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(id) => {
          setCreating(false);
          void navigate(`/app/events/${id}`);
        }}
      />
    </Card>
  );
}
