import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { type Candidates, type DecisionCandidate, type DecisionInput, decisionsApi } from '../../api/filings';
import { useFormErrors } from '../../components/useFormErrors';

/**
 * Records or changes the pending decision on one application: the outcome, its reason and a verdict
 * with a note on every checklist item of the stage (001 §三.2 "严禁审核走过场").
 */
export function DecisionModal({ stage, candidate, onClose }: { stage: Candidates['stage']; candidate: DecisionCandidate | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<DecisionInput>();
  const errors = useFormErrors(form);
  const existing = candidate?.decision ?? null;
  const save = useMutation({
    mutationFn: (v: DecisionInput) => (existing ? decisionsApi.update(existing.id, v) : decisionsApi.record({ ...v, applicationId: candidate!.applicationId, stageKey: stage.key })),
    onMutate: errors.clear,
    onSuccess: async () => {
      message.success(t('decisions.saved'));
      onClose();
      await queryClient.invalidateQueries({ queryKey: ['decisions'] });
    },
    onError: errors.onError,
  });
  const zh = i18n.language !== 'en-US';
  const initial: DecisionInput = existing
    ? { outcome: existing.outcome, reason: existing.reason, checklist: stage.checklist.map((c) => existing.checklist.find((v) => v.key === c.key) ?? { key: c.key, verdict: 'ok', note: '' }) }
    : { outcome: 'approve', reason: '', checklist: stage.checklist.map((c) => ({ key: c.key, verdict: 'ok', note: '' })) };
  return (
    <Modal
      open={candidate !== null}
      title={t(existing ? 'decisions.edit' : 'decisions.record', { space: candidate?.space.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('decisions.save')}
      okButtonProps={{ 'data-testid': 'decision-save' }}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      destroyOnHidden
      width={680}
    >
      {errors.alert}
      <Form form={form} name="decision" layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)} requiredMark="optional">
        <Form.Item name="outcome" label={t('decisions.outcome')} rules={[{ required: true }]}>
          <Radio.Group buttonStyle="solid">
            <Radio.Button value="approve" data-testid="decision-approve">
              {t(stage.final ? 'decisions.approveFiling' : 'decisions.approveSelection')}
            </Radio.Button>
            <Radio.Button value="reject" data-testid="decision-reject">
              {t('decisions.reject')}
            </Radio.Button>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="reason" label={t('decisions.reason')} rules={[{ required: true, whitespace: true, message: t('decisions.reasonRequired') }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} />
        </Form.Item>
        <Typography.Text strong>{t('decisions.checklist')}</Typography.Text>
        <Form.List name="checklist">
          {(fields) =>
            fields.map((field, i) => {
              const item = stage.checklist[i]!;
              return (
                <div key={field.key} style={{ marginTop: 12 }}>
                  <Typography.Text>{zh ? item.label : item.labelEn}</Typography.Text>
                  <Form.Item name={[field.name, 'key']} hidden>
                    <Input />
                  </Form.Item>
                  <Form.Item name={[field.name, 'verdict']} style={{ marginBottom: 8 }}>
                    <Select options={(['ok', 'problem', 'not_applicable'] as const).map((v) => ({ value: v, label: t(`decisions.verdict.${v}`) }))} style={{ width: 160 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'note']} rules={[{ required: true, whitespace: true, message: t('decisions.noteRequired') }]}>
                    <Input.TextArea autoSize={{ minRows: 1 }} maxLength={2000} placeholder={t('decisions.notePlaceholder')} />
                  </Form.Item>
                </div>
              );
            })
          }
        </Form.List>
      </Form>
    </Modal>
  );
}
