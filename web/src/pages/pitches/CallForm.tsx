import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, DatePicker, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { eventsApi } from '../../api/events';
import { type PitchCallBody, type PitchCallDetail, pitchApi, pitchKeys } from '../../api/pitches';
import { KEY_INDUSTRIES, registryApi } from '../../api/registry';
import { useAction } from '../../components/useAction';
import { useFormErrors } from '../../components/useFormErrors';
import { shanghaiInstant } from '../../lib/format';

interface Values {
  spaceId: string;
  eventId: string;
  title: string;
  field: PitchCallBody['field'];
  eligibility: string;
  window: [Dayjs, Dayjs];
  criteria: { name: string; weight: number }[];
  awardCount: number;
  panelUserIds: string[];
}

const valuesOf = (c: PitchCallDetail): Values => ({
  spaceId: c.spaceId,
  eventId: c.eventId,
  title: c.title,
  field: c.field,
  eligibility: c.eligibility,
  window: [dayjs(c.opensAt as unknown as string), dayjs(c.closesAt as unknown as string)],
  criteria: c.criteria.map((x) => ({ name: x.name, weight: x.weight })),
  awardCount: c.awardCount,
  panelUserIds: c.panel.map((p) => p.userId),
});

/** 新建征集: a draft call on one of the space's 路演 or 大赛 events; or, given `call`, its edit (under its revision) before the review starts. */
export function CallForm({ open, onClose, onSaved, call }: { open: boolean; onClose: () => void; onSaved: (id: string) => void; call?: PitchCallDetail }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form);
  const spaceId = Form.useWatch('spaceId', form);
  const spaces = useQuery({ queryKey: ['pitch-spaces'], queryFn: () => registryApi.spaces({ pageSize: 100 }), enabled: open });
  const events = useQuery({
    queryKey: ['pitch-events', spaceId],
    queryFn: async () => {
      const [roadshows, competitions] = await Promise.all([eventsApi.managed({ spaceId, kind: 'roadshow', pageSize: 100 }), eventsApi.managed({ spaceId, kind: 'competition', pageSize: 100 })]);
      return [...roadshows.items, ...competitions.items].filter((e) => e.status !== 'cancelled');
    },
    enabled: open && !!spaceId,
  });
  const candidates = useQuery({ queryKey: ['pitch-candidates'], queryFn: pitchApi.candidates, enabled: open });
  const required = [{ required: true, message: t('pitches.form.required') }];
  const save = useAction(
    (v: Values) => {
      const body: PitchCallBody = {
        eventId: v.eventId,
        title: v.title,
        field: v.field,
        eligibility: v.eligibility,
        opensAt: shanghaiInstant(v.window[0]),
        closesAt: shanghaiInstant(v.window[1]),
        criteria: v.criteria.map((c) => ({ name: c.name, weight: c.weight })),
        awardCount: v.awardCount,
        panelUserIds: v.panelUserIds,
      };
      return call ? pitchApi.edit(call.id, { ...body, revision: call.revision }) : pitchApi.create(v.spaceId, body);
    },
    [[pitchKeys.managed], [pitchKeys.call]],
    () => t('pitches.form.saved'),
  );
  const spaceOptions = (spaces.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }));
  return (
    <Modal
      open={open}
      title={call ? t('pitches.form.edit') : t('pitches.form.create')}
      okText={t('pitches.form.save')}
      width={760}
      confirmLoading={save.isPending}
      onCancel={onClose}
      onOk={() =>
        form.validateFields().then((v) =>
          save.mutate(v, {
            onSuccess: (r) => {
              form.resetFields();
              onSaved(r.id);
            },
            onError: errors.onError,
          }),
        )
      }
      destroyOnHidden
    >
      {errors.alert}
      <Form
        form={form}
        layout="vertical"
        initialValues={
          call
            ? valuesOf(call)
            : {
                spaceId: spaceOptions.length === 1 ? spaceOptions[0]!.value : undefined,
                awardCount: 3,
                criteria: [
                  { name: t('pitches.form.defaultCriteria.innovation'), weight: 40 },
                  { name: t('pitches.form.defaultCriteria.market'), weight: 35 },
                  { name: t('pitches.form.defaultCriteria.team'), weight: 25 },
                ],
              }
        }
      >
        <Form.Item name="spaceId" label={t('pitches.form.space')} rules={required}>
          <Select disabled={!!call} options={spaceOptions} loading={spaces.isLoading} data-testid="pitch-space" />
        </Form.Item>
        <Form.Item name="eventId" label={t('pitches.form.event')} rules={required} extra={t('pitches.form.eventHint')}>
          <Select
            data-testid="pitch-event"
            loading={events.isLoading}
            options={(events.data ?? []).map((e) => ({ value: e.id, label: `${e.title}（${t(`events.kinds.${e.kind}`)}）` }))}
            notFoundContent={t('pitches.form.noEvents')}
          />
        </Form.Item>
        <Form.Item name="title" label={t('pitches.form.title')} rules={required}>
          <Input maxLength={100} data-testid="pitch-title" />
        </Form.Item>
        <Form.Item name="field" label={t('pitches.form.field')} rules={required}>
          <Select options={KEY_INDUSTRIES.map((k) => ({ value: k, label: t(`spaces.industries.${k}`) }))} data-testid="pitch-field" />
        </Form.Item>
        <Form.Item name="eligibility" label={t('pitches.form.eligibility')} rules={required}>
          <Input.TextArea rows={2} maxLength={2000} data-testid="pitch-eligibility" />
        </Form.Item>
        <Form.Item name="window" label={t('pitches.form.window')} rules={required}>
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
        <Form.Item label={t('pitches.form.criteria')} extra={t('pitches.form.criteriaHint')} required>
          <Form.List name="criteria">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline">
                    <Form.Item name={[f.name, 'name']} rules={required}>
                      <Input placeholder={t('pitches.form.criterionName')} maxLength={50} style={{ width: 260 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'weight']} rules={required}>
                      <InputNumber min={1} max={100} precision={0} addonAfter="%" style={{ width: 140 }} />
                    </Form.Item>
                    <MinusCircleOutlined aria-label={t('pitches.form.removeCriterion')} onClick={() => remove(f.name)} />
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', weight: 10 })}>
                  {t('pitches.form.addCriterion')}
                </Button>
              </>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item name="awardCount" label={t('pitches.form.awardCount')} rules={required}>
          <InputNumber min={1} max={100} precision={0} />
        </Form.Item>
        <Form.Item name="panelUserIds" label={t('pitches.form.panel')} rules={required} extra={t('pitches.form.panelHint')}>
          <Select
            mode="multiple"
            optionFilterProp="label"
            data-testid="pitch-panel"
            options={(candidates.data ?? []).map((c) => ({ value: c.userId, label: `${c.displayName}（${c.expert ? t('pitches.form.expert') : c.orgName}）` }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
