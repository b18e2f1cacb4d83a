import { Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, type FieldProblem } from '../api/client';
import { currentLanguage } from '../i18n';

/** The cells an Excel import refused (fields named `工作表!C5`), when the server named them; otherwise null. */
export const importProblemsOf = (err: unknown): FieldProblem[] | null => (err instanceof ApiError && err.fields.length ? err.fields : null);

/**
 * The refused cells of an all-or-nothing Excel import (the roster, a statistics return, the support
 * register): one row per cell with the server's message in the interface's language.
 */
export function ImportErrorTable({ problems }: { problems: FieldProblem[] }) {
  const { t } = useTranslation();
  const en = currentLanguage() === 'en-US';
  return (
    <Table<FieldProblem>
      size="small"
      rowKey="field"
      pagination={problems.length > 10 ? { pageSize: 10, size: 'small' } : false}
      dataSource={problems}
      data-testid="import-errors"
      columns={[
        { title: t('common.importCell'), dataIndex: 'field', width: 140 },
        { title: t('common.importProblem'), render: (_, f) => (en ? f.messageEn : f.message) },
      ]}
    />
  );
}
