import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, type FormInstance, Modal } from 'antd';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormErrors } from './useFormErrors';

interface Props<V> {
  open: boolean;
  title: string;
  onClose: () => void;
  submit: (values: V) => Promise<unknown>;
  /** List query key to refresh after a successful create. */
  listKey: string;
  form: FormInstance<V>;
  children: ReactNode;
  /** Values the form opens with (editing an existing record through the same dialog). */
  initialValues?: Partial<V>;
}

/** A "new record" (or "edit record") dialog: validates, posts, maps server field errors, refreshes the list. */
export function CreateModal<V extends object>({ open, title, onClose, submit, listKey, form, children, initialValues }: Props<V>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const errors = useFormErrors(form);
  // The form instance outlives the dialog: on opening, drop what a previous record left in it.
  useEffect(() => {
    if (open && initialValues) form.resetFields();
  }, [open]);
  const create = useMutation({
    mutationFn: submit,
    onMutate: errors.clear,
    onSuccess: async () => {
      message.success(t('common.saved'));
      form.resetFields();
      onClose();
      await queryClient.invalidateQueries({ queryKey: [listKey] });
    },
    onError: errors.onError,
  });
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      destroyOnHidden
      width={600}
    >
      {errors.alert}
      {/* Named, so its field ids differ from the filter bar's fields of the same name. */}
      <Form form={form} name={`${listKey}-create`} layout="vertical" onFinish={(v) => create.mutate(v)} requiredMark="optional" initialValues={initialValues}>
        {children}
      </Form>
    </Modal>
  );
}
