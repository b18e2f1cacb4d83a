import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { can } from '../../api/session';
import { PAYMENT_STATES, type SupportDetail as Detail, supportsApi, SUPPORTS_KEY } from '../../api/supports';
import { useBreadcrumbTitle } from '../../app/breadcrumbs';
import { useCurrentUser } from '../../app/currentUser';
import { PageSpinner } from '../../components/PageSpinner';
import { QueryError } from '../../components/QueryError';
import { useAction } from '../../components/useAction';
import { useFormErrors } from '../../components/useFormErrors';
import { SupportFacts, SupportStatusTag, useSupport } from './parts';
import { SupportForm } from './SupportForm';

type Dialog = 'edit' | 'withdraw' | 'payment' | null;

/** A reason or a note asked for in a dialog, its server errors under the field. */
function ReasonDialog({ s, kind, onClose }: { s: Detail; kind: 'withdraw' | 'payment'; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ reason?: string; paymentState?: Detail['paymentState']; note?: string }>();
  const errors = useFormErrors(form);
  const save = useMutation({
    mutationFn: (v: { reason?: string; paymentState?: Detail['paymentState']; note?: string }) =>
      kind === 'withdraw' ? supportsApi.withdraw(s.id, v.reason ?? '') : supportsApi.payment(s.id, { paymentState: v.paymentState!, note: v.note?.trim() || null }),
    onMutate: errors.clear,
    onSuccess: async () => {
      message.success(t(kind === 'withdraw' ? 'supports.withdrawn' : 'supports.paymentSaved'));
      onClose();
      await queryClient.invalidateQueries({ queryKey: [SUPPORTS_KEY] });
    },
    onError: errors.onError,
  });
  return (
    <Modal
      open
      title={t(kind === 'withdraw' ? 'supports.withdraw' : 'supports.paymentChange')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: kind === 'withdraw', ...({ 'data-testid': `support-${kind}-confirm` } as Record<string, string>) }}
      confirmLoading={save.isPending}
    >
      {errors.alert}
      <Form form={form} layout="vertical" name={`support-${kind}`} initialValues={{ paymentState: s.paymentState }} onFinish={(v) => save.mutate(v)}>
        {kind === 'withdraw' ? (
          <Form.Item name="reason" label={t('supports.withdrawReason')} rules={[{ required: true, min: 2, max: 500, message: t('supports.withdrawReasonRequired') }]}>
            <Input.TextArea rows={3} maxLength={500} showCount data-testid="support-withdraw-reason" />
          </Form.Item>
        ) : (
          <>
            <Form.Item name="paymentState" label={t('supports.field.payment')} rules={[{ required: true }]}>
              <Select data-testid="support-payment-state" options={PAYMENT_STATES.map((p) => ({ value: p, label: t(`supports.payment.${p}`) }))} />
            </Form.Item>
            <Form.Item name="note" label={t('supports.paymentNote')}>
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}

/**
 * One support: its facts, where its disclosure stands (a link to the stage work for whoever works
 * it), and what the granting department may do in its state — edit the draft, put it forward for
 * the notice, withdraw it with a reason, or change the payment state once published.
 */
export default function SupportDetail() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const me = useCurrentUser();
  const query = useSupport(id, params.get('by') === 'submission');
  const [dialog, setDialog] = useState<Dialog>(null);
  const propose = useAction((sid: string) => supportsApi.propose([sid]), [[SUPPORTS_KEY]], () => t('supports.proposed', { count: 1 }));
  const s = query.data;
  useBreadcrumbTitle(s?.projectTitle);

  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  if (!s) return <PageSpinner />;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }} data-testid="support-title">
              {s.projectTitle}
            </Typography.Title>
            <SupportStatusTag status={s.status} />
          </Space>
        }
        extra={
          <Space wrap>
            {s.abilities.edit && (
              <Button onClick={() => setDialog('edit')} data-testid="support-edit">
                {t('supports.edit')}
              </Button>
            )}
            {s.abilities.propose && (
              <Button type="primary" loading={propose.isPending} onClick={() => propose.mutate(s.id)} data-testid="support-propose-one">
                {t('supports.proposeOne')}
              </Button>
            )}
            {s.abilities.payment && (
              <Button onClick={() => setDialog('payment')} data-testid="support-payment">
                {t('supports.paymentChange')}
              </Button>
            )}
            {s.abilities.withdraw && (
              <Button danger onClick={() => setDialog('withdraw')} data-testid="support-withdraw">
                {t('supports.withdraw')}
              </Button>
            )}
          </Space>
        }
      >
        {s.submission && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="support-submission"
            title={
              <Space wrap>
                {t('supports.disclosure', { status: t(`supports.submissionStatus.${s.submission.status}`) })}
                {can(me, 'review.work') && <Link to={`/app/review/${s.submission.id}`}>{t('supports.openStageWork')}</Link>}
              </Space>
            }
          />
        )}
        <SupportFacts s={s} />
      </Card>
      {dialog === 'edit' && <SupportForm open editing={s} onClose={() => setDialog(null)} />}
      {(dialog === 'withdraw' || dialog === 'payment') && <ReasonDialog s={s} kind={dialog} onClose={() => setDialog(null)} />}
    </Space>
  );
}
