import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, DatePicker, Form, Input, List, Modal, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { type Decision, decisionsApi } from '../../api/filings';
import { type Selection, selectedCount, selectionBody, useCountChanged } from '../../components/AllMatching';
import { useFormErrors } from '../../components/useFormErrors';

interface ReleaseValues {
  title: string;
  documentNumber: string;
  issuedOn: Dayjs;
}

/**
 * Publishes the chosen pending decisions as one list: the ticked ones of the page, each shown, or all
 * pending ones of the stage, counted. The count goes to the server, which refuses a release of
 * anything else (all: 409 when the stage's pending count changed meanwhile; the page reloads).
 */
export function ReleaseModal({
  callId,
  stageKey,
  final,
  selection,
  decisions,
  onClose,
}: {
  callId: string;
  stageKey: string;
  final: boolean;
  /** Open with what to release; null when closed. */
  selection: Selection | null;
  /** The ticked decisions of the page (with `{ ids }`). */
  decisions: Decision[];
  /** `done`: the release went through (or the selection is stale), so the selection is cleared. */
  onClose: (done: boolean) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ReleaseValues>();
  const errors = useFormErrors(form);
  const countChanged = useCountChanged([['decisions']]);
  const count = selection ? selectedCount(selection) : 0;
  const release = useMutation({
    mutationFn: (v: ReleaseValues) =>
      decisionsApi.release({
        callId,
        stageKey,
        ...selectionBody(selection!, 'decisionIds'),
        expectedCount: count,
        title: v.title,
        documentNumber: v.documentNumber,
        issuedOn: v.issuedOn.format('YYYY-MM-DD'),
      }),
    onMutate: errors.clear,
    onSuccess: async (list) => {
      message.success(t('decisions.released', { title: list.title }));
      onClose(true);
      await queryClient.invalidateQueries({ queryKey: ['decisions'] });
    },
    onError: (err) => (countChanged(err) ? onClose(true) : errors.onError(err)),
  });
  const approvals = decisions.filter((d) => d.outcome === 'approve').length;
  return (
    <Modal
      open={selection !== null}
      title={t(final ? 'decisions.releaseFiling' : 'decisions.releaseSelection')}
      onCancel={() => onClose(false)}
      onOk={() => form.submit()}
      okText={t('decisions.releaseConfirm', { count })}
      okButtonProps={{ 'data-testid': 'decision-release-confirm', danger: true }}
      cancelText={t('common.cancel')}
      confirmLoading={release.isPending}
      destroyOnHidden
      width={640}
    >
      {errors.alert}
      {selection && 'all' in selection ? (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('decisions.releaseAllSummary', { count })} data-testid="release-all-summary" />
      ) : (
        <>
          <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('decisions.releaseSummary', { count, approvals, rejections: count - approvals })} />
          <List
            size="small"
            bordered
            dataSource={decisions}
            style={{ maxHeight: 240, overflow: 'auto', marginBottom: 16 }}
            renderItem={(d) => (
              <List.Item data-testid="release-item">
                <Typography.Text>{d.space.name}</Typography.Text>
                <OutcomeTag outcome={d.outcome} final={final} />
              </List.Item>
            )}
          />
        </>
      )}
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
