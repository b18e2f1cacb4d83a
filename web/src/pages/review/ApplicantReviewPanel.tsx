import { Alert, App, Button, Card, Descriptions, Input, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../api/client';
import { type ApplicationInReview, resubmitApplication, useRounds } from '../../api/review';
import { MissingList } from '../applications/SideSteps';
import { currentLanguage } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { ItemComments, RoundsDiff } from './parts';

interface Props {
  app: ApplicationInReview;
  /** Saves what the form holds and answers the revision to resubmit. */
  flush: () => Promise<number>;
  onResubmitted: (detail: ApplicationInReview) => void;
}

/**
 * The applicant's view of the review on the dossier page: the stage and status once submitted, the
 * return comments and resubmission date when returned (with the 重新提交 button), and what changed
 * between the rounds handed in.
 */
export function ApplicantReviewPanel({ app, flush, onResubmitted }: Props) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const submitted = !!app.stage;
  const rounds = useRounds(app.id, submitted);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (!submitted) return null;
  const en = currentLanguage() === 'en-US';
  const ret = app.status === 'returned' ? rounds.data?.lastReturn : null;

  async function resubmit(note: string) {
    setBusy(true);
    setError(null);
    try {
      const revision = await flush();
      onResubmitted(await resubmitApplication(app.id, { revision, ...(note.trim() ? { note: note.trim() } : {}) }));
      await rounds.refetch();
      message.success(t('review.applicant.resubmitted'));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  function confirmResubmit() {
    let note = '';
    modal.confirm({
      title: t('review.applicant.resubmitTitle'),
      content: (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text>{t('review.applicant.resubmitText')}</Typography.Text>
          <Input.TextArea rows={3} placeholder={t('review.applicant.resubmitNote')} onChange={(e) => (note = e.target.value)} data-testid="resubmit-note" />
        </Space>
      ),
      okText: t('common.ok'),
      cancelText: t('common.cancel'),
      onOk: () => resubmit(note),
    });
  }

  return (
    <Card size="small" title={t('review.applicant.title')} data-testid="review-status">
      <Descriptions size="small" column={{ xs: 1, md: 3 }}>
        <Descriptions.Item label={t('review.stage')}>{en ? app.stage!.nameEn : app.stage!.name}</Descriptions.Item>
        <Descriptions.Item label={t('review.statusLabel')}>
          <Tag>{t(`applications.status.${app.status}`)}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('review.round')}>{app.round}</Descriptions.Item>
      </Descriptions>
      {app.status === 'returned' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 12 }}
          data-testid="return-comments"
          title={t('review.applicant.returned', { stage: ret?.stageName ?? '', at: formatDateTime(app.resubmitDueAt) })}
          description={
            <Space orientation="vertical" style={{ width: '100%' }}>
              {ret && <Typography.Paragraph style={{ marginBottom: 0 }}>{ret.note}</Typography.Paragraph>}
              {ret && <ItemComments comments={ret.itemComments} />}
              {error instanceof ApiError && error.code === 'APPLICATION_INCOMPLETE' ? <MissingList items={error.fields} /> : error != null && <Alert type="error" showIcon title={errorMessage(error)} />}
              {(app.abilities as Record<string, boolean | undefined>).resubmit && (
                <Button type="primary" loading={busy} onClick={confirmResubmit} data-testid="resubmit">
                  {t('review.applicant.resubmit')}
                </Button>
              )}
            </Space>
          }
        />
      )}
      {(rounds.data?.diffs.length ?? 0) > 0 && (
        <div style={{ marginTop: 12 }}>
          <Typography.Text strong>{t('review.diff.card')}</Typography.Text>
          <RoundsDiff diffs={rounds.data!.diffs} />
        </div>
      )}
    </Card>
  );
}
