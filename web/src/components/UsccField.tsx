import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * The 统一社会信用代码 form field: upper-cased as typed, 18 characters. The check digit is verified
 * by the server (GB 32100), whose field error lands here.
 */
export function UsccField({ required = false }: { required?: boolean }) {
  const { t } = useTranslation();
  return (
    <Form.Item
      name="uscc"
      label={t('orgs.uscc')}
      normalize={(v: string) => v.toUpperCase()}
      rules={[...(required ? [{ required: true, message: t('orgs.usccInvalid') }] : []), { len: 18, message: t('orgs.usccInvalid') }]}
    >
      <Input maxLength={18} />
    </Form.Item>
  );
}
