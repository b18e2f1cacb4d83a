import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, InputNumber, Space, Switch } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { expertKeys, expertsApi, type ScoreSheet } from '../../api/experts';
import { QueryError } from '../../components/QueryError';
import { useFormErrors } from '../../components/useFormErrors';

type SheetValues = Omit<ScoreSheet, 'revision' | 'isDefault'>;

/** The call's weighted score sheet (weights add up to 100); the default applies until one is saved. */
export function ScoreSheetEditor({ callId }: { callId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<SheetValues>();
  const errors = useFormErrors(form);
  const sheet = useQuery({ queryKey: ['score-sheet', callId], queryFn: () => expertsApi.scoreSheet(callId) });
  useEffect(() => {
    if (sheet.data) form.setFieldsValue(sheet.data);
  }, [sheet.data]);
  const save = useMutation({
    mutationFn: (v: SheetValues) => expertsApi.saveScoreSheet(callId, { ...v, revision: sheet.data!.revision }),
    onMutate: errors.clear,
    onSuccess: async () => {
      message.success(t('common.saved'));
      await Promise.all([queryClient.invalidateQueries({ queryKey: ['score-sheet', callId] }), queryClient.invalidateQueries({ queryKey: [expertKeys.stage] })]);
    },
    onError: errors.onError,
  });
  const weights = Form.useWatch('criteria', form)?.reduce((s, c) => s + (Number(c?.weight) || 0), 0) ?? 0;
  if (sheet.isError) return <QueryError error={sheet.error} onRetry={() => void sheet.refetch()} />;
  return (
    <Form form={form} name="score-sheet" layout="vertical" onFinish={(v) => save.mutate(v)} style={{ maxWidth: 960 }}>
      {sheet.data?.isDefault && <Alert type="info" showIcon title={t('experts.sheet.default')} style={{ marginBottom: 12 }} />}
      {errors.alert}
      <Form.List name="criteria">
        {(fields, { add, remove }) => (
          <Form.Item label={t('experts.sheet.criteria', { sum: weights })} required>
            {fields.map((f) => (
              <Space key={f.key} align="start" style={{ display: 'flex' }}>
                <Form.Item name={[f.name, 'key']} rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{0,31}$/, message: t('experts.sheet.keyRule') }]}>
                  <Input placeholder={t('experts.sheet.key')} style={{ width: 110 }} />
                </Form.Item>
                <Form.Item name={[f.name, 'name']} rules={[{ required: true, whitespace: true, message: t('experts.sheet.nameRequired') }]}>
                  <Input placeholder={t('experts.sheet.name')} style={{ width: 150 }} />
                </Form.Item>
                <Form.Item name={[f.name, 'weight']} rules={[{ required: true, message: t('experts.sheet.weight') }]}>
                  <InputNumber min={0} max={100} addonAfter="%" placeholder={t('experts.sheet.weight')} style={{ width: 110 }} />
                </Form.Item>
                <Form.Item name={[f.name, 'min']} rules={[{ required: true, message: t('experts.sheet.min') }]}>
                  <InputNumber min={0} max={1000} addonBefore={t('experts.sheet.min')} style={{ width: 150 }} />
                </Form.Item>
                <Form.Item name={[f.name, 'max']} rules={[{ required: true, message: t('experts.sheet.max') }]}>
                  <InputNumber min={0} max={1000} addonBefore={t('experts.sheet.max')} style={{ width: 150 }} />
                </Form.Item>
                <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('experts.sheet.remove')} />
              </Space>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ key: '', name: '', weight: 0, min: 0, max: 100 })}>
              {t('experts.sheet.add')}
            </Button>
          </Form.Item>
        )}
      </Form.List>
      <Space size="large" wrap>
        <Form.Item name="commentBelow" label={t('experts.sheet.commentBelow')} rules={[{ required: true }]}>
          <InputNumber min={0} max={100} precision={0} />
        </Form.Item>
        <Form.Item name="expertsPerApplication" label={t('experts.sheet.perApplication')} rules={[{ required: true }]}>
          <InputNumber min={1} max={9} precision={0} />
        </Form.Item>
        <Form.Item name="sameCityConflict" label={t('experts.sheet.sameCity')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Space>
      <Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="sheet-save">
          {t('experts.sheet.save')}
        </Button>
      </Form.Item>
    </Form>
  );
}
