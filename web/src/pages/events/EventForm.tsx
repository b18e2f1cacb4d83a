import { useQuery } from '@tanstack/react-query';
import { DatePicker, Form, Input, InputNumber, Modal, Select, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { EVENT_KINDS, EVENT_ROLES, type EventBody, type EventDetail, eventKeys, eventsApi } from '../../api/events';
import { registryApi } from '../../api/registry';
import { useAction } from '../../components/useAction';
import { useFormErrors } from '../../components/useFormErrors';
import { shanghaiInstant } from '../../lib/format';

interface Values {
  spaceId: string;
  title: string;
  kind: EventBody['kind'];
  role: EventBody['role'];
  partners?: string[];
  subField?: string;
  description: string;
  place?: string;
  onlineUrl?: string;
  time: [Dayjs, Dayjs];
  window: [Dayjs, Dayjs];
  capacity: number;
  needsApproval?: boolean;
}

const valuesOf = (e: EventDetail): Values => ({
  spaceId: e.spaceId,
  title: e.title,
  kind: e.kind,
  role: e.role,
  partners: e.partners,
  subField: e.subField ?? undefined,
  description: e.description,
  place: e.place ?? undefined,
  onlineUrl: e.onlineUrl ?? undefined,
  time: [dayjs(e.startsAt as unknown as string), dayjs(e.endsAt as unknown as string)],
  window: [dayjs(e.signupOpensAt as unknown as string), dayjs(e.signupClosesAt as unknown as string)],
  capacity: e.capacity,
  needsApproval: e.needsApproval,
});

/** 登记活动: a new event of one of the operator's spaces, saved as a draft; or, given `event`, its edit (under its revision). */
export function EventForm({ open, onClose, onCreated, event }: { open: boolean; onClose: () => void; onCreated: (id: string) => void; event?: EventDetail }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form);
  const spaces = useQuery({ queryKey: ['events-spaces'], queryFn: () => registryApi.spaces({ pageSize: 100 }), enabled: open });
  const required = [{ required: true, message: t('events.form.required') }];
  const create = useAction(
    (v: Values) => {
      const body: EventBody = {
        title: v.title,
        kind: v.kind,
        role: v.role,
        partners: v.partners ?? [],
        subField: v.subField || null,
        description: v.description,
        place: v.place || null,
        onlineUrl: v.onlineUrl || null,
        startsAt: shanghaiInstant(v.time[0]),
        endsAt: shanghaiInstant(v.time[1]),
        signupOpensAt: shanghaiInstant(v.window[0]),
        signupClosesAt: shanghaiInstant(v.window[1]),
        capacity: v.capacity,
        needsApproval: v.needsApproval ?? false,
      };
      return event ? eventsApi.edit(event.id, { ...body, revision: event.revision }) : eventsApi.create(v.spaceId, body);
    },
    [[eventKeys.managed], [eventKeys.event]],
    () => t('events.form.saved'),
  );
  return (
    <Modal
      open={open}
      title={event ? t('events.form.edit') : t('events.form.create')}
      okText={event ? t('events.form.saveEdit') : t('events.form.save')}
      width={720}
      confirmLoading={create.isPending}
      onCancel={onClose}
      onOk={() =>
        form.validateFields().then((v) =>
          create.mutate(v, {
            onSuccess: (r) => {
              form.resetFields();
              onCreated(r.id);
            },
            onError: errors.onError,
          }),
        )
      }
      destroyOnHidden
    >
      {errors.alert}
      <Form form={form} layout="vertical" initialValues={event ? valuesOf(event) : { kind: 'training', role: 'host', capacity: 50, needsApproval: false }}>
        <Form.Item name="spaceId" label={t('events.form.space')} rules={required}>
          <Select disabled={!!event} options={(spaces.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))} loading={spaces.isLoading} />
        </Form.Item>
        <Form.Item name="title" label={t('events.form.title')} rules={required}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="kind" label={t('events.form.kind')} rules={required}>
          <Select options={EVENT_KINDS.map((k) => ({ value: k, label: t(`events.kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="role" label={t('events.form.role')} rules={required}>
          <Select options={EVENT_ROLES.map((k) => ({ value: k, label: t(`events.roles.${k}`) }))} />
        </Form.Item>
        <Form.Item name="partners" label={t('events.form.partners')}>
          <Select mode="tags" open={false} tokenSeparators={['，', ',']} />
        </Form.Item>
        <Form.Item name="subField" label={t('events.form.subField')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="description" label={t('events.form.description')} rules={required}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Form.Item name="place" label={t('events.form.place')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="onlineUrl" label={t('events.form.onlineUrl')}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="time" label={t('events.form.time')} rules={required}>
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
        <Form.Item name="window" label={t('events.form.signupWindow')} rules={required}>
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
        <Form.Item name="capacity" label={t('events.form.capacity')} rules={required}>
          <InputNumber min={1} max={100000} />
        </Form.Item>
        <Form.Item name="needsApproval" label={t('events.form.needsApproval')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
