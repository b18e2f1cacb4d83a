import { Alert, Button, Space } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../api/client';

type Ns = 'chains' | 'criteria' | 'evaluation';

/**
 * Where one version of versioned data stands (a chain, a rule set, an evaluation scheme): a
 * published version is read-only; a draft is editable by its owner, read-only to others. `ns` is the
 * page's message namespace, which holds `readOnly`, `draftHint` and `draftReadOnly`.
 */
export function DraftStatusAlert({ ns, published, editable }: { ns: Ns; published: boolean; editable: boolean }) {
  const { t } = useTranslation();
  return published ? (
    <Alert type="info" showIcon title={t(`${ns}.readOnly`)} style={{ marginTop: 12 }} />
  ) : (
    <Alert type={editable ? 'success' : 'info'} showIcon title={editable ? t(`${ns}.draftHint`) : t(`${ns}.draftReadOnly`)} style={{ marginTop: 12 }} />
  );
}

/**
 * What became of a draft's last save: someone else saved first (`conflict`: overwrite with the edits
 * kept, or reload theirs), or the server refused it (`saveError`: its field problems listed, one
 * `problems` item each, else its message). `ns` holds `conflict`, `conflictHint`, `overwrite`,
 * `reload` and `serverErrors`.
 */
export function DraftSaveAlerts(p: {
  ns: Ns;
  editable: boolean;
  conflict: string | null;
  saving: boolean;
  onOverwrite: () => void;
  onReload: () => void;
  saveError: unknown;
  problems: ReactNode[];
  testId?: string;
}) {
  const { t } = useTranslation();
  const listed = p.saveError instanceof ApiError && p.saveError.fields.length > 0;
  return (
    <>
      {p.conflict && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 12 }}
          title={t(`${p.ns}.conflict`)}
          description={
            <>
              <div>{p.conflict}</div>
              <div>{t(`${p.ns}.conflictHint`)}</div>
            </>
          }
          action={
            <Space orientation="vertical">
              {p.editable && (
                <Button size="small" type="primary" loading={p.saving} onClick={p.onOverwrite}>
                  {t(`${p.ns}.overwrite`)}
                </Button>
              )}
              <Button size="small" onClick={p.onReload}>
                {t(`${p.ns}.reload`)}
              </Button>
            </Space>
          }
        />
      )}
      {p.saveError !== null && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 12 }}
          data-testid={p.testId}
          title={listed ? t(`${p.ns}.serverErrors`) : errorMessage(p.saveError)}
          description={listed ? <ul style={{ margin: 0, paddingInlineStart: 18 }}>{p.problems}</ul> : undefined}
        />
      )}
    </>
  );
}
