import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Form, Input, List, Modal, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { revocationApi, revocationKeys, type Proposal } from '../../api/revocation';
import { QueryError } from '../../components/QueryError';
import { useAction } from '../../components/useAction';
import { formatDateTime } from '../../lib/format';
import { ProposalStatusTag } from './parts';

/** The reason of a dismissal, or the note of a start, asked before the action. */
function AskText({ open, title, label, required, onOk, onCancel, loading }: { open: boolean; title: string; label: string; required: boolean; onOk: (text: string) => void; onCancel: () => void; loading: boolean }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  return (
    <Modal open={open} title={title} onCancel={onCancel} okButtonProps={{ disabled: required && text.trim().length < 2, loading }} onOk={() => onOk(text.trim())} okText={t('common.ok')}>
      <Form layout="vertical">
        <Form.Item label={label} required={required}>
          <Input.TextArea rows={4} maxLength={500} showCount value={text} onChange={(e) => setText(e.target.value)} data-testid="revocation-text" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * One revocation proposal: its ground and the evidence it rests on (each record one click away), its
 * state, and the province admin's two actions — start the revocation (check → notice → decision) or
 * dismiss it with a reason. Opened from a revocation's notice by its submission (`?by=submission`).
 */
export default function ProposalDetail() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const bySubmission = params.get('by') === 'submission';
  const [asking, setAsking] = useState<'start' | 'dismiss' | null>(null);
  const query = useQuery({ queryKey: [revocationKeys.one, id, bySubmission], queryFn: () => (bySubmission ? revocationApi.ofSubmission(id) : revocationApi.get(id)) });
  const start = useAction(revocationApi.start, [[revocationKeys.one], [revocationKeys.list]], () => t('revocation.started'));
  const dismiss = useAction(revocationApi.dismiss, [[revocationKeys.one], [revocationKeys.list]], () => t('revocation.dismissed'));
  if (query.error) return <QueryError error={query.error} />;
  const p: Proposal | undefined = query.data;
  return (
    <Card
      loading={query.isPending}
      title={
        p && (
          <Space>
            {p.space.name}
            <ProposalStatusTag status={p.status} />
          </Space>
        )
      }
      extra={
        p && (
          <Space>
            <Link to={`/app/space-timeline/${p.space.id}`}>{t('revocation.timeline')}</Link>
            {p.abilities.dismiss && (
              <Button onClick={() => setAsking('dismiss')} data-testid="dismiss-proposal">
                {t('revocation.dismiss')}
              </Button>
            )}
            {p.abilities.start && (
              <Button type="primary" onClick={() => setAsking('start')} data-testid="start-revocation">
                {t('revocation.start')}
              </Button>
            )}
          </Space>
        )
      }
    >
      {p && (
        <>
          <Descriptions column={2} bordered size="small">
            <Descriptions.Item label={t('revocation.space')}>{p.space.name}</Descriptions.Item>
            <Descriptions.Item label={t('revocation.region')}>{p.space.regionName}</Descriptions.Item>
            <Descriptions.Item label={t('revocation.ground')}>{t(`revocation.grounds.${p.ground}`)}</Descriptions.Item>
            <Descriptions.Item label={t('revocation.filing')}>{t(`revocation.levels.${p.filing.level}`)}</Descriptions.Item>
            <Descriptions.Item label={t('revocation.raisedAt')}>
              {formatDateTime(p.raisedAt)} {p.raisedBy ? '' : t('revocation.byRules')}
            </Descriptions.Item>
            <Descriptions.Item label={t('revocation.submission')}>
              {p.submission ? <Link to={`/app/review/${p.submission.id}`}>{t(`revocation.submissionStatus.${p.submission.status}`)}</Link> : '—'}
            </Descriptions.Item>
            {p.closedNote && (
              <Descriptions.Item label={t('revocation.closedNote')} span={2}>
                {p.closedNote}（{p.closedAt ? formatDateTime(p.closedAt) : ''}）
              </Descriptions.Item>
            )}
          </Descriptions>
          <Card size="small" type="inner" title={t('revocation.evidence')} style={{ marginTop: 16 }}>
            <p>{p.evidence.summary}</p>
            <List
              size="small"
              dataSource={p.evidence.refs}
              renderItem={(r) => <List.Item data-testid="evidence-ref">{r.link ? <Link to={r.link}>{r.label}</Link> : r.label}</List.Item>}
            />
          </Card>
          <AskText
            open={asking === 'start'}
            title={t('revocation.startTitle', { space: p.space.name })}
            label={t('revocation.startNote')}
            required={false}
            loading={start.isPending}
            onCancel={() => setAsking(null)}
            onOk={(note) => start.mutate({ id: p.id, note }, { onSuccess: () => setAsking(null) })}
          />
          <AskText
            open={asking === 'dismiss'}
            title={t('revocation.dismissTitle', { space: p.space.name })}
            label={t('revocation.dismissReason')}
            required
            loading={dismiss.isPending}
            onCancel={() => setAsking(null)}
            onOk={(reason) => dismiss.mutate({ id: p.id, reason }, { onSuccess: () => setAsking(null) })}
          />
        </>
      )}
    </Card>
  );
}
