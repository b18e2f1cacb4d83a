import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { chainsApi } from '../../api/chains';
import { type EvaluationRound, evaluationApi, GRADES } from '../../api/evaluation';
import { can } from '../../api/session';
import { useCurrentUser } from '../../app/currentUser';
import { PagedTable } from '../../components/PagedTable';
import { useFormErrors } from '../../components/useFormErrors';
import { formatDateTime } from '../../lib/format';
import { GradeTag } from './parts';

export const ROUNDS_KEY = 'evaluation-rounds';
/** The shipped chains a round runs through (src/modules/evaluation/chain.ts). */
const CHAIN_KEYS = ['evaluation_city_province', 'evaluation_city'];

interface OpenValues {
  year: number;
  schemeId: string;
  chainId: string;
  dueAt: Dayjs;
  title?: string;
}

/** 开启年度评价: a published scheme of the authority's jurisdiction, an evaluation chain, the year and the deadline. */
function OpenRoundModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useCurrentUser();
  const [form] = Form.useForm<OpenValues>();
  const errors = useFormErrors(form);
  const schemes = useQuery({ queryKey: ['evaluation-round-schemes', me.organisation.regionCode], queryFn: () => evaluationApi.list({ status: 'published', regionCode: me.organisation.regionCode, pageSize: 100 }), enabled: open });
  const chains = useQuery({ queryKey: ['evaluation-round-chains'], queryFn: () => Promise.all(CHAIN_KEYS.map((key) => chainsApi.list({ key, status: 'published', pageSize: 100 }))), enabled: open });
  const run = useMutation({
    mutationFn: (v: OpenValues) => evaluationApi.openRound({ year: v.year, schemeId: v.schemeId, chainId: v.chainId, dueAt: v.dueAt.toISOString(), title: v.title?.trim() || undefined }),
    onMutate: errors.clear,
    onSuccess: async (r) => {
      message.success(t('evaluation.rounds.opened', { title: r.title, count: r.enrolled }));
      onClose();
      await queryClient.invalidateQueries({ queryKey: [ROUNDS_KEY] });
      void navigate(`/app/evaluation-rounds/${r.id}`);
    },
    onError: errors.onError,
  });
  const en = i18n.language === 'en-US';
  return (
    <Modal open={open} title={t('evaluation.rounds.open')} onCancel={onClose} onOk={() => form.submit()} okText={t('evaluation.rounds.open')} cancelText={t('common.cancel')} confirmLoading={run.isPending} destroyOnHidden>
      {errors.alert}
      <Form form={form} name="evaluation-round" layout="vertical" initialValues={{ year: new Date().getFullYear() }} onFinish={(v) => run.mutate(v)}>
        <Form.Item name="year" label={t('evaluation.year')} rules={[{ required: true, message: t('evaluation.yearRequired') }]}>
          <InputNumber min={2015} max={2100} />
        </Form.Item>
        <Form.Item name="schemeId" label={t('evaluation.scheme')} extra={t('evaluation.rounds.schemeHint')} rules={[{ required: true, message: t('evaluation.rounds.schemeRequired') }]}>
          <Select loading={schemes.isPending} options={(schemes.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.title}（${t('evaluation.publishedVersion', { version: s.version })}）` }))} />
        </Form.Item>
        <Form.Item name="chainId" label={t('evaluation.rounds.chain')} rules={[{ required: true, message: t('evaluation.rounds.chainRequired') }]}>
          <Select loading={chains.isPending} options={(chains.data ?? []).flatMap((p) => p.items).map((c) => ({ value: c.id, label: en ? c.nameEn : c.name }))} />
        </Form.Item>
        <Form.Item name="dueAt" label={t('evaluation.rounds.dueAt')} rules={[{ required: true, message: t('evaluation.rounds.dueRequired') }]}>
          <DatePicker showTime />
        </Form.Item>
        <Form.Item name="title" label={t('evaluation.rounds.titleOptional')}>
          <Input maxLength={120} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 年度评价: the rounds opened in the user's jurisdiction or above it, each with its grades so far within the jurisdiction. */
export default function Rounds() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [opening, setOpening] = useState(false);
  return (
    <Card title={t('evaluation.rounds.title')}>
      <PagedTable<EvaluationRound>
        queryKey={ROUNDS_KEY}
        list={evaluationApi.rounds}
        rowKey="id"
        emptyText={t('evaluation.rounds.empty')}
        toolbar={
          can(me, 'evaluation_round.open') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpening(true)}>
              {t('evaluation.rounds.open')}
            </Button>
          )
        }
        columns={[
          { title: t('evaluation.rounds.name'), dataIndex: 'title', render: (title: string, r) => <Link to={`/app/evaluation-rounds/${r.id}`}>{title}</Link> },
          { title: t('evaluation.year'), dataIndex: 'year' },
          { title: t('evaluation.category'), dataIndex: 'category', render: (c: EvaluationRound['category']) => <Tag>{t(`evaluation.categoryValue.${c}`)}</Tag> },
          { title: t('evaluation.rounds.authority'), dataIndex: 'authorityName' },
          { title: t('evaluation.rounds.dueAt'), dataIndex: 'dueAt', render: formatDateTime },
          {
            title: t('evaluation.rounds.grades'),
            render: (_, r) => (
              <Space size={4} wrap>
                {GRADES.map((g) => (
                  <span key={g}>
                    <GradeTag grade={g} />
                    {r.distribution[g]}
                  </span>
                ))}
                {r.distribution.unscored > 0 && <Tag>{t('evaluation.rounds.unscored', { count: r.distribution.unscored })}</Tag>}
              </Space>
            ),
          },
        ]}
      />
      <OpenRoundModal open={opening} onClose={() => setOpening(false)} />
    </Card>
  );
}
