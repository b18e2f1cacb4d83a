import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { returnsApi, type ReturnDetail } from '../../api/returns';
import { useFormErrors } from '../../components/useFormErrors';

/** 重新开放: the accepting authority takes an accepted return back to its filer, giving the reason the filer is told. */
export function ReopenReturn({ d }: { d: ReturnDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const errors = useFormErrors(form);
  const reopen = useMutation({
    mutationFn: ({ reason }: { reason: string }) => returnsApi.reopen(d.id, reason),
    onMutate: errors.clear,
    onSuccess: async (fresh) => {
      message.success(t('returns.reopen.done'));
      setOpen(false);
      queryClient.setQueryData(['returns.detail', d.id], fresh);
      await queryClient.invalidateQueries({ queryKey: ['returns.rounds'] });
    },
    onError: errors.onError,
  });
  return (
    <>
      <Button danger size="small" onClick={() => setOpen(true)} data-testid="return-reopen">
        {t('returns.reopen.button')}
      </Button>
      <Modal
        open={open}
        title={t('returns.reopen.title', { space: d.space.name })}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText={t('returns.reopen.button')}
        okButtonProps={{ danger: true, 'data-testid': 'return-reopen-confirm' }}
        cancelText={t('common.cancel')}
        confirmLoading={reopen.isPending}
        destroyOnHidden
      >
        <Typography.Paragraph>{t('returns.reopen.hint')}</Typography.Paragraph>
        {errors.alert}
        <Form form={form} name="reopen" layout="vertical" onFinish={(v) => reopen.mutate(v)}>
          <Form.Item
            name="reason"
            label={t('returns.reopen.reason')}
            rules={[{ required: true, whitespace: true, min: 5, message: t('returns.reopen.reasonRequired') }]}
          >
            <Input.TextArea autoSize={{ minRows: 3 }} maxLength={1000} showCount data-testid="return-reopen-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
