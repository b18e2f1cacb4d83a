import { useMutation } from '@tanstack/react-query';
import { Alert, Button, ConfigProvider, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormErrors } from './useFormErrors';

/** The server's minimum (src/shared/http/reveal.ts). */
const REASON_MIN = 5;

/** A reveal operation of the api layer (`applicationsApi.revealPersonal(id)`…): one field in full, with the reason. */
export type Reveal<F extends string> = (body: { field: F; reason: string }) => Promise<{ value: string | null }>;

/**
 * "查看完整" next to a masked value: asks why, then shows the one field in full (the server records
 * the view with the reason). The value stays in this dialog only and is gone when it closes.
 */
export function RevealButton<F extends string>({ reveal: revealField, field, label }: { reveal: Reveal<F>; field: F; label: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const errors = useFormErrors(form);
  const reveal = useMutation({
    mutationFn: (reason: string) => revealField({ field, reason }),
    onMutate: errors.clear,
    onError: errors.onError,
  });
  const close = () => {
    setOpen(false);
    reveal.reset();
    form.resetFields();
  };
  // Shown inside read-only forms (a reviewer's view of the dossier): the form's disabled state must
  // not reach the reveal action or its dialog.
  return (
    <ConfigProvider componentDisabled={false}>
      <Button type="link" size="small" data-testid={`reveal-${field}`} onClick={() => setOpen(true)} style={{ paddingInline: 4 }}>
        {t('reveal.action')}
      </Button>
      <Modal
        open={open}
        title={t('reveal.title', { label })}
        onCancel={close}
        destroyOnHidden
        footer={
          reveal.data ? (
            <Button onClick={close}>{t('reveal.close')}</Button>
          ) : (
            <>
              <Button onClick={close}>{t('common.cancel')}</Button>
              <Button type="primary" data-testid="reveal-submit" loading={reveal.isPending} onClick={() => void form.validateFields().then((v) => reveal.mutate(v.reason.trim()), () => undefined /* the form shows what is missing */)}>
                {t('reveal.submit')}
              </Button>
            </>
          )
        }
      >
        {reveal.data ? (
          <Typography.Paragraph>
            {label}：
            <Typography.Text strong copyable data-testid="revealed-value">
              {reveal.data.value ?? '—'}
            </Typography.Text>
          </Typography.Paragraph>
        ) : (
          <>
            <Alert type="info" showIcon title={t('reveal.hint')} style={{ marginBottom: 16 }} />
            {errors.alert}
            <Form form={form} name="reveal" layout="vertical">
              <Form.Item
                name="reason"
                label={t('reveal.reason')}
                rules={[
                  { required: true, whitespace: true, message: t('reveal.reasonRequired') },
                  { min: REASON_MIN, message: t('reveal.reasonShort', { min: REASON_MIN }) },
                ]}
              >
                <Input.TextArea data-testid="reveal-reason" autoSize={{ minRows: 2 }} maxLength={500} />
              </Form.Item>
            </Form>
          </>
        )}
      </Modal>
    </ConfigProvider>
  );
}
