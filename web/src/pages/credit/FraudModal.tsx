import { UploadOutlined, WarningOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, type ButtonProps, Form, Input, Modal, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { filesApi } from '../../api/files';
import { creditApi, creditKeys } from '../../api/credit';
import { can } from '../../api/session';
import { useCurrentUser } from '../../app/currentUser';
import { useFormErrors } from '../../components/useFormErrors';
import { formatDateTime } from '../../lib/format';

interface Values {
  applicationId: string;
  reason: string;
  evidenceFileId: string;
}

/**
 * 认定弄虚作假 (002 §四.(一).3): the application, the finding's reason and the evidence (uploaded here
 * first). The server cancels the application and its filings and bans the operator for two years;
 * the confirmation says so before anything is sent.
 */
export function FraudModal({ open, applicationId, onClose, onDone }: { open: boolean; applicationId?: string; onClose: () => void; onDone?: () => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form);
  const [evidence, setEvidence] = useState<{ id: string; name: string }>();
  const [busy, setBusy] = useState(false);

  const upload = async (file: File) => {
    setBusy(true);
    try {
      const meta = await filesApi.upload(file, file.name);
      setEvidence({ id: meta.id, name: meta.originalName });
      form.setFieldValue('evidenceFileId', meta.id);
      await form.validateFields(['evidenceFileId']);
    } catch (err) {
      errors.onError(err);
    } finally {
      setBusy(false);
    }
  };

  const submit = (values: Values) =>
    modal.confirm({
      title: t('credit.find.confirmTitle'),
      content: t('credit.find.confirmText'),
      okText: t('credit.find.submit'),
      okButtonProps: { danger: true, 'data-testid': 'fraud-confirm' } as ButtonProps,
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          const record = await creditApi.find({ ...values, applicationId: values.applicationId.trim() });
          message.success(t('credit.find.done', { org: record.orgName, until: formatDateTime(record.banUntil) }));
          await queryClient.invalidateQueries({ queryKey: [creditKeys.records] });
          form.resetFields();
          setEvidence(undefined);
          onDone?.();
          onClose();
        } catch (err) {
          errors.onError(err);
        }
      },
    });

  return (
    <Modal
      open={open}
      title={t('credit.find.title')}
      onCancel={onClose}
      okText={t('credit.find.submit')}
      okButtonProps={{ danger: true, 'data-testid': 'fraud-submit' } as ButtonProps}
      onOk={() => form.submit()}
      destroyOnHidden
      width={640}
    >
      <Alert type="warning" showIcon title={t('credit.find.warning')} style={{ marginBottom: 16 }} />
      {errors.alert}
      <Form form={form} layout="vertical" name="fraud-finding" initialValues={{ applicationId }} onFinish={submit} preserve={false}>
        <Form.Item name="applicationId" label={t('credit.find.applicationId')} rules={[{ required: true, whitespace: true, message: t('credit.find.applicationIdRequired') }]}>
          <Input disabled={!!applicationId} placeholder="00000000-0000-0000-0000-000000000000" data-testid="fraud-application" />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('credit.find.reason')}
          rules={[{ required: true, whitespace: true, min: 10, max: 2000, message: t('credit.find.reasonRule') }]}
        >
          <Input.TextArea rows={4} showCount maxLength={2000} data-testid="fraud-reason" />
        </Form.Item>
        <Form.Item name="evidenceFileId" label={t('credit.find.evidence')} rules={[{ required: true, message: t('credit.find.evidenceRequired') }]}>
          <Space>
            <Upload showUploadList={false} accept=".pdf,.jpg,.jpeg,.png,.docx,.xlsx,.zip" customRequest={({ file }) => void upload(file as File)}>
              <Button icon={<UploadOutlined />} loading={busy} data-testid="fraud-evidence">
                {t('credit.find.upload')}
              </Button>
            </Upload>
            {evidence && <Typography.Text>{evidence.name}</Typography.Text>}
          </Space>
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 认定弄虚作假 on a dossier, for authority admins (the server decides again whether this one is theirs). */
export function FraudAction({ applicationId, status, onDone }: { applicationId: string; status: string; onDone: () => void }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [open, setOpen] = useState(false);
  if (!can(me, 'credit.find') || status === 'draft' || status === 'cancelled_for_fraud') return null;
  return (
    <>
      <Button danger icon={<WarningOutlined />} onClick={() => setOpen(true)} data-testid="fraud-open">
        {t('credit.find.dossierAction')}
      </Button>
      <FraudModal open={open} applicationId={applicationId} onClose={() => setOpen(false)} onDone={onDone} />
    </>
  );
}
