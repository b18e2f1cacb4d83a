import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, DatePicker, Form, Input, List, Modal, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { type Decision, decisionsApi } from '../../api/filings';
import { useFormErrors } from '../../components/useFormErrors';

interface ReleaseValues {
  title: string;
  documentNumber: string;
  issuedOn: Dayjs;
}

/**
 * Publishes the chosen pending decisions as one list. The count and every space are shown before
 * committing, and the count goes to the server, which refuses a release of anything else.
 */
export function ReleaseModal({ callId, stageKey, final, decisions, onClose }: { callId: string; stageKey: string; final: boolean; decisions: Decision[] | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ReleaseValues>();
  const errors = useFormErrors(form);
  const chosen = decisions ?? [];
  const release = useMutation({
    mutationFn: (v: ReleaseValues) =>
      decisionsApi.release({ callId, stageKey, decisionIds: chosen.map((d) => d.id), expectedCount: chosen.length, title: v.title, documentNumber: v.documentNumber, issuedOn: v.issuedOn.format('YYYY-MM-DD') }),
    onMutate: errors.clear,
    onSuccess: async (list) => {
      message.success(t('decisions.released', { title: list.title }));
      onClose();
      await queryClient.invalidateQueries({ queryKey: ['decisions'] });
    },
    onError: errors.onError,
  });
  const approvals = chosen.filter((d) => d.outcome === 'approve').length;
  return (
    <Modal
      open={decisions !== null}
      title={t(final ? 'decisions.releaseFiling' : 'decisions.releaseSelection')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('decisions.releaseConfirm', { count: chosen.length })}
      okButtonProps={{ 'data-testid': 'decision-release-confirm', danger: true }}
      cancelText={t('common.cancel')}
      confirmLoading={release.isPending}
      destroyOnHidden
      width={640}
    >
      {errors.alert}
      <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('decisions.releaseSummary', { count: chosen.length, approvals, rejections: chosen.length - approvals })} />
      <List
        size="small"
        bordered
        dataSource={chosen}
        style={{ maxHeight: 240, overflow: 'auto', marginBottom: 16 }}
        renderItem={(d) => (
          <List.Item data-testid="release-item">
            <Typography.Text>{d.space.name}</Typography.Text>
            <OutcomeTag outcome={d.outcome} final={final} />
          </List.Item>
        )}
      />
      <Form form={form} name="release" layout="vertical" onFinish={(v) => release.mutate(v)} requiredMark="optional">
        <Form.Item name="title" label={t('decisions.listTitle')} rules={[{ required: true, whitespace: true, message: t('decisions.listTitleRequired') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="documentNumber"
          label={t('decisions.documentNumber')}
          extra={t('decisions.documentNumberHint')}
          rules={[{ required: true, pattern: /^\S+〔\d{4}〕\d+号$/, message: t('decisions.documentNumberInvalid') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="issuedOn" label={t('decisions.issuedOn')} rules={[{ required: true, message: t('decisions.issuedOnRequired') }]}>
          <DatePicker format="YYYY-MM-DD" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function OutcomeTag({ outcome, final }: { outcome: Decision['outcome']; final: boolean }) {
  const { t } = useTranslation();
  return outcome === 'approve' ? <Tag color="green">{t(final ? 'decisions.approveFiling' : 'decisions.approveSelection')}</Tag> : <Tag color="red">{t('decisions.reject')}</Tag>;
}
