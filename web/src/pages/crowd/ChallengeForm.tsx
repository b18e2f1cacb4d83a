import { useQuery } from '@tanstack/react-query';
import { DatePicker, Form, Input, InputNumber, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ChallengeBody, crowdApi, crowdKeys, IP_TERMS } from '../../api/crowd';
import { KEY_INDUSTRIES, registryApi } from '../../api/registry';
import { CreateModal } from '../../components/CreateModal';
import { dateField } from '../roster/IncubateeDrawer';

type Values = ChallengeBody & { spaceId: string };

/** 新建众包任务: a draft of the space's host's challenge with its terms and panel. */
export function ChallengeForm({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [spaceId, setSpaceId] = useState<string>();
  const spaces = useQuery({ queryKey: ['crowd-spaces'], queryFn: () => registryApi.spaces({ pageSize: 100 }), enabled: open });
  const candidates = useQuery({ queryKey: ['crowd-candidates'], queryFn: crowdApi.candidates, enabled: open });
  const required = [{ required: true, message: t('crowd.form.required') }];
  const spaceOptions = (spaces.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }));
  return (
    <CreateModal<Values>
      open={open}
      title={t('crowd.form.create')}
      onClose={onClose}
      form={form}
      listKey={crowdKeys.managed}
      submit={({ spaceId: space, ...body }) => crowdApi.create(space ?? spaceId ?? '', body)}
      initialValues={{ ipTerms: 'issuer', spaceId: spaceOptions.length === 1 ? spaceOptions[0]!.value : undefined }}
    >
      <Form.Item name="spaceId" label={t('crowd.form.space')} rules={required}>
        <Select options={spaceOptions} onChange={setSpaceId} data-testid="challenge-space" />
      </Form.Item>
      <Form.Item name="title" label={t('crowd.form.title')} rules={required}>
        <Input maxLength={100} data-testid="challenge-title" />
      </Form.Item>
      <Form.Item name="field" label={t('crowd.form.field')} rules={required}>
        <Select options={KEY_INDUSTRIES.map((k) => ({ value: k, label: t(`spaces.industries.${k}`) }))} data-testid="challenge-field" />
      </Form.Item>
      <Form.Item name="description" label={t('crowd.form.description')} rules={required}>
        <Input.TextArea rows={3} maxLength={5000} data-testid="challenge-description" />
      </Form.Item>
      <Form.Item name="deliverables" label={t('crowd.form.deliverables')} rules={required}>
        <Input.TextArea rows={2} maxLength={2000} data-testid="challenge-deliverables" />
      </Form.Item>
      <Form.Item name="ipTerms" label={t('crowd.form.ipTerms')} rules={required}>
        <Select options={IP_TERMS.map((k) => ({ value: k, label: t(`crowd.ip.${k}`) }))} data-testid="challenge-ip" />
      </Form.Item>
      <Form.Item name="confidentiality" label={t('crowd.form.confidentiality')} rules={required}>
        <Input.TextArea rows={2} maxLength={2000} data-testid="challenge-confidentiality" />
      </Form.Item>
      <Form.Item name="rewardYuan" label={t('crowd.form.reward')} rules={required}>
        <InputNumber min={0} precision={0} style={{ width: 200 }} data-testid="challenge-reward" />
      </Form.Item>
      <Form.Item name="deadline" label={t('crowd.form.deadline')} rules={required} {...dateField}>
        <DatePicker data-testid="challenge-deadline" />
      </Form.Item>
      <Form.Item name="panelUserIds" label={t('crowd.form.panel')} rules={required} extra={t('crowd.form.panelHint')}>
        <Select
          mode="multiple"
          optionFilterProp="label"
          data-testid="challenge-panel"
          options={(candidates.data ?? []).map((c) => ({ value: c.userId, label: `${c.displayName}（${c.expert ? t('crowd.form.expert') : c.orgName}）` }))}
        />
      </Form.Item>
    </CreateModal>
  );
}
