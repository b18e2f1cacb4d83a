import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Drawer, Form, Input, InputNumber, Modal, Radio, Select, Space, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MENTOR_KINDS, MENTOR_TERMS, type Mentor, type MentorBody, mentorKeys, mentorsApi, type Relation } from '../../api/mentors';
import { rosterApi } from '../../api/roster';
import { useFormErrors } from '../../components/useFormErrors';
import { dateField } from '../roster/IncubateeDrawer';

const refresh = (queryClient: ReturnType<typeof useQueryClient>) => Promise.all(Object.values(mentorKeys).map((k) => queryClient.invalidateQueries({ queryKey: [k] })));

/** Registers a mentor in `spaceId`, or edits `editing`. */
export function MentorDrawer({ open, spaceId, editing, onClose }: { open: boolean; spaceId?: string; editing?: Mentor; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<MentorBody>();
  const errors = useFormErrors(form);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!open) return;
    errors.clear();
    form.resetFields();
    // A masked contact is not sent back: the operator sees its own mentors' contacts in full.
    form.setFieldsValue(editing ? { ...editing } : { kind: 'industry', term: 'part_time', fields: [], active: true, contactConsent: false });
  }, [open, editing]);
  const save = async (v: MentorBody) => {
    setBusy(true);
    try {
      const body = { ...v, contactMobile: v.contactMobile || null, contactEmail: v.contactEmail || null, title: v.title || null };
      if (editing) await mentorsApi.edit(editing.id, { ...body, revision: editing.revision });
      else await mentorsApi.create(spaceId!, body);
      message.success(t('mentors.saved'));
      await refresh(queryClient);
      onClose();
    } catch (err) {
      errors.onError(err);
    } finally {
      setBusy(false);
    }
  };
  const required = [{ required: true, message: t('mentors.form.required') }];
  return (
    <Drawer
      open={open}
      onClose={onClose}
      size="large"
      destroyOnHidden
      title={editing ? `${t('mentors.edit')}：${editing.name}` : t('mentors.add')}
      extra={
        <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="mentor-save">
          {t('mentors.save')}
        </Button>
      }
    >
      {errors.alert}
      <Form form={form} layout="vertical" onFinish={save}>
        <Space wrap>
          <Form.Item name="name" label={t('mentors.form.name')} rules={required}>
            <Input maxLength={50} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="title" label={t('mentors.form.title')}>
            <Input maxLength={100} style={{ width: 240 }} />
          </Form.Item>
        </Space>
        <Form.Item name="kind" label={t('mentors.form.kind')} rules={required}>
          <Radio.Group options={MENTOR_KINDS.map((k) => ({ value: k, label: t(`mentors.kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="term" label={t('mentors.form.term')} rules={required}>
          <Radio.Group options={MENTOR_TERMS.map((k) => ({ value: k, label: t(`mentors.terms.${k}`) }))} />
        </Form.Item>
        <Form.Item name="affiliation" label={t('mentors.form.affiliation')} rules={required}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="fields" label={t('mentors.form.fields')} extra={t('mentors.form.fieldsHint')}>
          <Select mode="tags" open={false} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="contactMobile" label={t('mentors.form.contactMobile')}>
            <Input maxLength={20} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="contactEmail" label={t('mentors.form.contactEmail')}>
            <Input maxLength={200} style={{ width: 240 }} />
          </Form.Item>
          <Form.Item name="active" label={t('mentors.form.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
        <Form.Item name="contactConsent" label={t('mentors.form.contactConsent')} valuePropName="checked" extra={t('mentors.form.contactConsentHint')}>
          <Switch />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

/** A mentor takes on a resident incubatee of the same space's roster. */
export function RelationModal({ mentor, onClose }: { mentor: Mentor; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ incubateeId: string; goal?: string }>();
  const errors = useFormErrors(form);
  const roster = useQuery({ queryKey: ['mentor-roster', mentor.spaceId], queryFn: () => rosterApi.list({ spaceId: mentor.spaceId, status: 'resident', sort: 'name', order: 'asc', page: 1, pageSize: 100 }) });
  const submit = async (v: { incubateeId: string; goal?: string }) => {
    try {
      await mentorsApi.createRelation(mentor.id, { incubateeId: v.incubateeId, goal: v.goal || undefined });
      message.success(t('mentors.relation.done'));
      await refresh(queryClient);
      onClose();
    } catch (err) {
      errors.onError(err);
    }
  };
  return (
    <Modal open title={`${t('mentors.relation.add')}：${mentor.name}`} onCancel={onClose} onOk={() => form.submit()} destroyOnHidden>
      {errors.alert}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="incubateeId" label={t('mentors.form.incubatee')} rules={[{ required: true, message: t('mentors.form.required') }]}>
          <Select showSearch optionFilterProp="label" loading={roster.isLoading} options={(roster.data?.items ?? []).map((i) => ({ value: i.id, label: i.name }))} />
        </Form.Item>
        <Form.Item name="goal" label={t('mentors.form.goal')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Starts or completes a relation on a day. */
export function MoveModal({ relation, to, onClose }: { relation: Relation; to: 'active' | 'completed'; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ on: string }>();
  const errors = useFormErrors(form);
  const submit = async (v: { on: string }) => {
    try {
      await mentorsApi.moveRelation(relation.id, { state: to, on: v.on });
      message.success(t('mentors.relation.done'));
      await refresh(queryClient);
      onClose();
    } catch (err) {
      errors.onError(err);
    }
  };
  return (
    <Modal open title={`${t(to === 'active' ? 'mentors.relation.start' : 'mentors.relation.complete')}：${relation.mentor.name} → ${relation.incubatee.name}`} onCancel={onClose} onOk={() => form.submit()} destroyOnHidden>
      {errors.alert}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="on" label={t('mentors.form.on')} rules={[{ required: true, message: t('mentors.form.required') }]} {...dateField}>
          <DatePicker />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Logs one session of an active relation. */
export function SessionModal({ relation, onClose }: { relation: Relation; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  type Values = { heldOn: string; topic: string; durationMinutes: number; outcome: string };
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form);
  const submit = async (v: Values) => {
    try {
      await mentorsApi.logSession(relation.id, v);
      message.success(t('mentors.relation.done'));
      await refresh(queryClient);
      onClose();
    } catch (err) {
      errors.onError(err);
    }
  };
  const required = [{ required: true, message: t('mentors.form.required') }];
  return (
    <Modal open title={`${t('mentors.relation.log')}：${relation.mentor.name} → ${relation.incubatee.name}`} onCancel={onClose} onOk={() => form.submit()} destroyOnHidden>
      {errors.alert}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ durationMinutes: 60 }}>
        <Space wrap>
          <Form.Item name="heldOn" label={t('mentors.form.heldOn')} rules={required} {...dateField}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="durationMinutes" label={t('mentors.form.duration')} rules={required}>
            <InputNumber min={1} max={1440} precision={0} />
          </Form.Item>
        </Space>
        <Form.Item name="topic" label={t('mentors.form.topic')} rules={required}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="outcome" label={t('mentors.form.outcome')} rules={required}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
