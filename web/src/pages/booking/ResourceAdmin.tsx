import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Col, DatePicker, Empty, Form, Input, InputNumber, Modal, Row, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { bookingApi, bookingKeys, bookingLinks, type BookingRule, type Qualification, type Resource, type RuleBody, USER_GROUPS, type UserGroup } from '../../api/booking';
import { useBreadcrumbTitle } from '../../app/breadcrumbs';
import { PhotoCards } from '../../components/PhotoCards';
import { QueryError } from '../../components/QueryError';
import { useAction } from '../../components/useAction';
import { useFormErrors } from '../../components/useFormErrors';
import { shanghaiInstant } from '../../lib/format';
import { QualificationTag, rangeText } from './parts';
import { ResourceFields, type ResourceValues, toBody, toValues } from './ResourceForm';

const DEFAULT_RULE: RuleBody = {
  windowDays: 14,
  noticeMinutes: 1440,
  minMinutes: 30,
  maxMinutes: 240,
  bufferMinutes: 0,
  dailyCapMinutes: 480,
  futureCap: 3,
  needsApproval: false,
  requiresQualification: false,
};

/** A user group's rule: window, notice, lengths, buffer, caps, approval, qualification. */
function RuleModal({ resource, group, rule, onClose }: { resource: Resource; group: UserGroup; rule?: BookingRule; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<RuleBody>();
  const errors = useFormErrors(form);
  const [busy, setBusy] = useState(false);
  const minutes = (name: keyof RuleBody, max: number) => (
    <Col xs={12} md={8}>
      <Form.Item name={name} label={t(`booking.rules.${name}`)} rules={[{ required: true, message: t(`booking.rules.${name}`) }]}>
        <InputNumber min={0} max={max} precision={0} addonAfter={t('booking.minuteUnit')} style={{ width: '100%' }} />
      </Form.Item>
    </Col>
  );
  const initial = rule ? (({ userGroup: _g, ...r }) => r)(rule) : DEFAULT_RULE;
  return (
    <Modal open width={720} title={t('booking.rules.editTitle', { group: t(`booking.groups.${group}`), name: resource.name })} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy}>
      {errors.alert}
      <Form<RuleBody>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={async (v) => {
          setBusy(true);
          try {
            await bookingApi.setRule({ id: resource.id, group, body: v });
            message.success(t('booking.rules.saved'));
            await queryClient.invalidateQueries({ queryKey: [bookingKeys.resource] });
            await queryClient.invalidateQueries({ queryKey: [bookingKeys.spaceResources] });
            onClose();
          } catch (err) {
            errors.onError(err);
          } finally {
            setBusy(false);
          }
        }}
      >
        <Row gutter={16}>
          <Col xs={12} md={8}>
            <Form.Item name="windowDays" label={t('booking.rules.windowDays')} rules={[{ required: true, message: t('booking.rules.windowDays') }]}>
              <InputNumber min={1} max={365} precision={0} addonAfter={t('booking.dayUnit')} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          {minutes('noticeMinutes', 43_200)}
          {minutes('bufferMinutes', 480)}
          {minutes('minMinutes', 1440)}
          {minutes('maxMinutes', 1440)}
          {minutes('dailyCapMinutes', 1440)}
          <Col xs={12} md={8}>
            <Form.Item name="futureCap" label={t('booking.rules.futureCap')} rules={[{ required: true, message: t('booking.rules.futureCap') }]}>
              <InputNumber min={1} max={100} precision={0} addonAfter={t('booking.countUnit')} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="needsApproval" valuePropName="checked" label=" ">
              <Checkbox>{t('booking.rules.needsApproval')}</Checkbox>
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="requiresQualification" valuePropName="checked" label=" ">
              <Checkbox>{t('booking.rules.requiresQualification')}</Checkbox>
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}

function RulesCard({ r }: { r: Resource }) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const [editing, setEditing] = useState<UserGroup | null>(null);
  const remove = useAction(bookingApi.removeRule, [[bookingKeys.resource], [bookingKeys.spaceResources]], () => t('booking.rules.removed'));
  const mins = (m: number) => t('booking.minutes', { count: m });
  const rows = USER_GROUPS.map((g) => ({ group: g, rule: r.rules.find((x) => x.userGroup === g) }));
  return (
    <Card title={t('booking.rules.title')} size="small">
      <Typography.Paragraph type="secondary">{t('booking.rules.hint')}</Typography.Paragraph>
      <Table
        rowKey="group"
        size="small"
        pagination={false}
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('booking.rules.group'), key: 'group', render: (_, x) => t(`booking.groups.${x.group}`) },
          {
            title: t('booking.rules.summary'),
            key: 'rule',
            render: (_, { rule }) =>
              rule ? (
                <Space size={4} wrap>
                  <Tag>{t('booking.rules.windowDays')} {t('booking.days', { count: rule.windowDays })}</Tag>
                  <Tag>{t('booking.rules.noticeMinutes')} {mins(rule.noticeMinutes)}</Tag>
                  <Tag>{t('booking.rules.length')} {mins(rule.minMinutes)}–{mins(rule.maxMinutes)}</Tag>
                  <Tag>{t('booking.rules.bufferMinutes')} {mins(rule.bufferMinutes)}</Tag>
                  <Tag>{t('booking.rules.dailyCapMinutes')} {mins(rule.dailyCapMinutes)}</Tag>
                  <Tag>{t('booking.rules.futureCap')} {t('booking.count', { count: rule.futureCap })}</Tag>
                  {rule.needsApproval && <Tag color="orange">{t('booking.rules.needsApproval')}</Tag>}
                  {rule.requiresQualification && <Tag color="purple">{t('booking.rules.requiresQualification')}</Tag>}
                </Space>
              ) : (
                <Typography.Text type="secondary">{t('booking.rules.notOpen')}</Typography.Text>
              ),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, x) =>
              r.canManage && (
                <Space size={4}>
                  <Button size="small" onClick={() => setEditing(x.group)} data-testid={`rule-${x.group}`}>
                    {x.rule ? t('booking.rules.edit') : t('booking.rules.open')}
                  </Button>
                  {x.rule && (
                    <Button
                      size="small"
                      danger
                      onClick={() =>
                        modal.confirm({
                          title: t('booking.rules.removeTitle', { group: t(`booking.groups.${x.group}`) }),
                          okButtonProps: { danger: true },
                          onOk: () => remove.mutateAsync({ id: r.id, group: x.group }),
                        })
                      }
                    >
                      {t('booking.rules.remove')}
                    </Button>
                  )}
                </Space>
              ),
          },
        ]}
      />
      {editing && <RuleModal resource={r} group={editing} rule={r.rules.find((x) => x.userGroup === editing)} onClose={() => setEditing(null)} />}
    </Card>
  );
}

function BlackoutsCard({ r }: { r: Resource }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ startsAt: Dayjs; endsAt: Dayjs; reason: string }>();
  const errors = useFormErrors(form);
  const remove = useAction(bookingApi.removeBlackout, [[bookingKeys.resource]], () => t('booking.blackouts.removed'));
  return (
    <Card title={t('booking.blackouts.title')} size="small">
      {errors.alert}
      {r.canStaff && (
        <Form
          form={form}
          layout="inline"
          style={{ marginBottom: 12, rowGap: 8 }}
          onFinish={async (v) => {
            try {
              await bookingApi.addBlackout({ id: r.id, startsAt: shanghaiInstant(v.startsAt), endsAt: shanghaiInstant(v.endsAt), reason: v.reason });
              message.success(t('booking.blackouts.added'));
              form.resetFields();
              errors.clear();
              await queryClient.invalidateQueries({ queryKey: [bookingKeys.resource] });
            } catch (err) {
              errors.onError(err);
            }
          }}
        >
          <Form.Item name="startsAt" label={t('booking.blackouts.from')} rules={[{ required: true, message: t('booking.blackouts.from') }]}>
            <DatePicker showTime={{ format: 'HH:mm', minuteStep: 30 }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
          <Form.Item name="endsAt" label={t('booking.blackouts.to')} rules={[{ required: true, message: t('booking.blackouts.to') }]}>
            <DatePicker showTime={{ format: 'HH:mm', minuteStep: 30 }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
          <Form.Item name="reason" label={t('booking.blackouts.reason')} rules={[{ required: true, message: t('booking.blackouts.reason') }]}>
            <Input maxLength={200} placeholder={t('booking.blackouts.reasonHint')} style={{ width: 220 }} />
          </Form.Item>
          <Button htmlType="submit">{t('booking.blackouts.add')}</Button>
        </Form>
      )}
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={r.blackouts}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('booking.blackouts.empty')} /> }}
        columns={[
          { title: t('booking.time'), key: 'time', render: (_, b) => rangeText(b.startsAt, b.endsAt) },
          { title: t('booking.blackouts.reason'), key: 'reason', dataIndex: 'reason' },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, b) =>
              r.canStaff && (
                <Button size="small" type="link" onClick={() => remove.mutate({ id: r.id, blackoutId: b.id })}>
                  {t('booking.remove')}
                </Button>
              ),
          },
        ]}
      />
    </Card>
  );
}

/** Mirrors the server's MAX_RESOURCE_PHOTOS; the server refuses more anyway. */
const MAX_PHOTOS = 8;

/** The resource's photos (the first is the cover): the admin uploads, removes and reorders them. */
function PhotosCard({ r }: { r: Resource }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return (
    <PhotoCards
      photoIds={r.photoIds}
      src={(fileId) => bookingLinks.photo(r.id, fileId)}
      canManage={r.canManage}
      max={MAX_PHOTOS}
      texts={{
        title: t('booking.photos.title'),
        hint: t('booking.photos.hint'),
        upload: t('booking.photos.upload'),
        notImage: t('booking.photos.notImage'),
        added: t('booking.photos.added'),
        removed: t('booking.photos.removed'),
        alt: (n) => t('booking.photos.alt', { name: r.name, n }),
        empty: t('booking.photos.empty'),
        left: t('booking.photos.left'),
        right: t('booking.photos.right'),
        reordered: t('booking.photos.reordered'),
      }}
      add={(fileId) => bookingApi.addPhoto({ id: r.id, fileId })}
      remove={(fileId) => bookingApi.removePhoto({ id: r.id, fileId })}
      reorder={(fileIds) => bookingApi.reorderPhotos({ id: r.id, fileIds })}
      refresh={() => Promise.all([bookingKeys.resource, bookingKeys.spaceResources].map((k) => queryClient.invalidateQueries({ queryKey: [k] })))}
      testId="resource-photos"
      uploadTestId="photo-upload"
    />
  );
}

function QualificationsCard({ r }: { r: Resource }) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: [bookingKeys.qualifications, r.id], queryFn: () => bookingApi.qualifications(r.id), enabled: r.canStaff });
  if (!r.canStaff) return null;
  return (
    <Card title={t('booking.qualifications.title')} size="small">
      <Typography.Paragraph type="secondary">{t('booking.qualifications.hint')}</Typography.Paragraph>
      {q.error ? (
        <QueryError error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <Table<Qualification>
          rowKey="userId"
          size="small"
          loading={q.isFetching}
          pagination={false}
          dataSource={q.data}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('booking.qualifications.empty')} /> }}
          columns={[
            { title: t('booking.desk.booker'), key: 'user', dataIndex: 'displayName' },
            { title: t('booking.qualifications.grantedOn'), key: 'granted', dataIndex: 'grantedOn' },
            { title: t('booking.desk.expiresOn'), key: 'expires', dataIndex: 'expiresOn' },
            { title: t('booking.statusLabel'), key: 'state', render: (_, x) => <QualificationTag state={x.state} /> },
          ]}
        />
      )}
    </Card>
  );
}

/** 设备与场地 → one resource: its fields (the admin edits), the rule per user group, stops and outages, qualifications. */
export default function ResourceAdmin() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const resource = useQuery({ queryKey: [bookingKeys.resource, id], queryFn: () => bookingApi.resource(id) });
  useBreadcrumbTitle(resource.data?.name);
  const [form] = Form.useForm<ResourceValues>();
  const errors = useFormErrors(form);
  const [busy, setBusy] = useState(false);
  if (resource.error) return <QueryError error={resource.error} onRetry={() => void resource.refetch()} />;
  const r = resource.data;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        loading={resource.isPending}
        title={
          r && (
            <Space>
              {r.name}
              {r.active ? <Tag color="green">{t('booking.active')}</Tag> : <Tag>{t('booking.inactive')}</Tag>}
              <Typography.Text type="secondary">{r.spaceName}</Typography.Text>
            </Space>
          )
        }
        extra={r && <Link to={`/app/resources?space=${r.spaceId}&tab=resources`}>{t('booking.backToDesk')}</Link>}
      >
        {r && (
          <>
            {errors.alert}
            <Form<ResourceValues>
              key={r.revision}
              form={form}
              layout="vertical"
              disabled={!r.canManage}
              initialValues={toValues(r)}
              onFinish={async (v) => {
                setBusy(true);
                try {
                  await bookingApi.editResource({ id: r.id, body: { ...toBody(v), revision: r.revision } });
                  message.success(t('common.saved'));
                  errors.clear();
                  await queryClient.invalidateQueries({ queryKey: [bookingKeys.resource] });
                  await queryClient.invalidateQueries({ queryKey: [bookingKeys.spaceResources] });
                } catch (err) {
                  errors.onError(err);
                } finally {
                  setBusy(false);
                }
              }}
            >
              <ResourceFields form={form} />
              {r.canManage && (
                <Button type="primary" htmlType="submit" loading={busy}>
                  {t('booking.save')}
                </Button>
              )}
            </Form>
          </>
        )}
      </Card>
      {r && <PhotosCard r={r} />}
      {r && <RulesCard r={r} />}
      {r && <BlackoutsCard r={r} />}
      {r && <QualificationsCard r={r} />}
    </Space>
  );
}
