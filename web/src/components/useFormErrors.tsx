import { Alert, type FormInstance } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage, type FieldProblem } from '../api/client';
import { currentLanguage } from '../i18n';

/** `body.contacts.0.mobile` → ['contacts', 0, 'mobile'], the Ant Design form name path. */
function namePath(field: string): (string | number)[] {
  return field
    .split('.')
    .slice(field.startsWith('body.') ? 1 : 0)
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

const localized = (f: FieldProblem) => (currentLanguage() === 'en-US' ? f.messageEn : f.message);
const isRegistered = (form: FormInstance, field: string) => String(namePath(field)[0]) in form.getFieldsValue();

/**
 * Shows a failed submission: validation problems the server names (`fields`) go under the matching
 * form fields, anything else — including fields the form does not have — in an alert above the form.
 */
export function useFormErrors(form: FormInstance) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>(null);

  function onError(err: unknown) {
    setError(err);
    if (!(err instanceof ApiError)) return;
    // One field may break several rules (a weak password); show them all under it.
    const byField = new Map<string, string[]>();
    for (const f of err.fields.filter((f) => isRegistered(form, f.field)))
      byField.set(f.field, [...(byField.get(f.field) ?? []), localized(f)]);
    form.setFields([...byField].map(([field, errors]) => ({ name: namePath(field), errors })));
  }

  function message(): string {
    if (!(error instanceof ApiError && error.fields.length)) return errorMessage(error);
    const unmatched = error.fields.filter((f) => !isRegistered(form, f.field));
    return unmatched.length ? unmatched.map(localized).join(t('common.separator')) : t('error.checkFields');
  }

  const alert = error ? <Alert type="error" showIcon title={message()} style={{ marginBottom: 16 }} /> : null;
  return { alert, onError, clear: () => setError(null) };
}
