import { useQuery } from '@tanstack/react-query';
import { Card, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { evaluationApi, type MyEvaluation } from '../../api/evaluation';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../lib/format';
import { GradeTag } from './parts';

export const MINE_KEY = 'evaluation-mine';

/** 年度评价 for an operator: its spaces' evaluations, what is left to do, and the grades once published. */
export default function MyEvaluations() {
  const { t } = useTranslation();
  const list = useQuery({ queryKey: [MINE_KEY], queryFn: evaluationApi.mine });
  if (list.isError) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <Card title={t('evaluation.mine.title')}>
      <Table<MyEvaluation>
        rowKey="id"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t('evaluation.mine.empty') }}
        columns={[
          { title: t('evaluation.preview.space'), render: (_, e) => <Link to={`/app/my-evaluations/${e.id}`}>{e.space.name}</Link> },
          { title: t('evaluation.year'), dataIndex: 'year' },
          { title: t('evaluation.rounds.name'), render: (_, e) => e.call.title },
          { title: t('evaluation.rounds.dueAt'), render: (_, e) => formatDateTime(e.call.dueAt) },
          { title: t('evaluation.rounds.status'), dataIndex: 'status', render: (s: string) => <Tag>{t(`evaluation.rounds.statusValue.${s}`, { defaultValue: s })}</Tag> },
          { title: t('evaluation.gradeColumn'), dataIndex: 'grade', render: (g: MyEvaluation['grade']) => (g ? <GradeTag grade={g} /> : t('evaluation.mine.notPublished')) },
        ]}
      />
    </Card>
  );
}
