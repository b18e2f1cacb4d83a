import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { REPORT_SECTIONS } from '../../api/applications';

const CASES = { min: 3, max: 5 };

/** 备案申报书 (001 附件3): the fixed outline, with 3–5 success cases as a list. */
export function ReportStep({ disabled }: { disabled: boolean }) {
  const { t } = useTranslation();
  return (
    <fieldset disabled={disabled} style={{ border: 0, padding: 0, margin: 0 }}>
      <Typography.Paragraph type="secondary">{t('dossier.report.hint')}</Typography.Paragraph>
      {REPORT_SECTIONS.map((section) =>
        section === 'successCases' ? (
          <Form.List
            key={section}
            name={['report', 'successCases']}
            rules={[
              {
                validator: async (_, cases?: unknown[]) => {
                  const n = cases?.length ?? 0;
                  if (n < CASES.min || n > CASES.max) throw new Error(t('dossier.v.caseCount', { ...CASES, count: n }));
                },
              },
            ]}
          >
            {(fields, { add, remove }, { errors }) => (
              <Form.Item label={t('dossier.report.successCases')} required>
                {fields.map((field, i) => (
                  <Card
                    key={field.key}
                    size="small"
                    title={t('dossier.report.case', { n: i + 1 })}
                    style={{ marginBottom: 12 }}
                    extra={
                      !disabled && (
                        <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('dossier.report.removeCase', { n: i + 1 })} />
                      )
                    }
                  >
                    <Form.Item
                      name={[field.name, 'title']}
                      label={t('dossier.report.caseTitle')}
                      rules={[{ required: true, whitespace: true, message: t('dossier.v.caseTitle') }]}
                    >
                      <Input maxLength={200} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'content']}
                      label={t('dossier.report.caseContent')}
                      rules={[{ required: true, whitespace: true, message: t('dossier.v.caseContent') }]}
                    >
                      <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} />
                    </Form.Item>
                  </Card>
                ))}
                {!disabled && fields.length < CASES.max && (
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ title: '', content: '' })} block>
                    {t('dossier.report.addCase')}
                  </Button>
                )}
                <Form.ErrorList errors={errors} />
              </Form.Item>
            )}
          </Form.List>
        ) : (
          <Form.Item
            key={section}
            name={['report', section]}
            label={t(`dossier.report.${section}`)}
            rules={[{ required: true, whitespace: true, message: t('dossier.v.required', { field: t(`dossier.report.${section}`) }) }]}
          >
            <Input.TextArea autoSize={{ minRows: 4, maxRows: 16 }} />
          </Form.Item>
        ),
      )}
    </fieldset>
  );
}
