import { DownloadOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, AutoComplete, Button, type ButtonProps, Card, Col, DatePicker, Descriptions, Flex, Form, Input, Modal, Row, Space, Steps, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type KeyboardEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { applicationLinks, applicationsApi, REPORT_SECTIONS } from '../../api/applications';
import { PAGE_OF_KIND, reviewApi, reviewKeys, type StageWork as Work, useStageWork } from '../../api/review';
import { can } from '../../api/session';
import { useCurrentUser } from '../../app/currentUser';
import { SpaceHistoryLink } from '../revocation/parts';
import { PageSpinner } from '../../components/PageSpinner';
import { QueryError } from '../../components/QueryError';
import { useFormErrors } from '../../components/useFormErrors';
import { currentLanguage } from '../../i18n';
import { formatDateTime, shanghaiInstant } from '../../lib/format';
import { ApplicationStatusTag } from '../applications/parts';
import { DossierPanel } from './DossierPanel';
import { ReturnMaterial } from '../returns/ReturnMaterial';
import { changesApi } from '../../api/changes';
import { ChangeMaterial } from '../changes/parts';
import { SupportMaterial } from '../supports/parts';
import { ChecklistFields, checklistFromForm, type ChecklistFormValues } from './parts';
import { useBreadcrumbTitle } from '../../app/breadcrumbs';

type Dialog = 'return' | 'reject' | 'due' | null;

/** Who revises a returned submission, as its kind names them (申请人, 填报单位, 发放部门). */
const reviserOf = (work: Work) => (currentLanguage() === 'en-US' ? work.reviser.en : work.reviser.zh);

/**
 * 环节办理, one page in two halves: the dossier read-only on the left (tabs for every part, the
 * materials with an inline preview, the verdicts so far and the differences between rounds), the
 * checklist and the decision on the right. The reviewer judges with the evidence in view and never
 * leaves the page: pass, return and reject answer in place.
 */
export default function StageWork() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const en = currentLanguage() === 'en-US';
  const query = useStageWork(id);
  const [dialog, setDialog] = useState<Dialog>(null);
  const work = query.data;
  // A filing shows its dossier; a change report what it changes (before → after) and its evidence;
  // a statistics return its values and the checks' findings with the filer's notes; a support's
  // disclosure the support with its cost evidence.
  const filing = work?.kind === 'filing';
  const dossier = useQuery({ queryKey: ['review-dossier', id], queryFn: () => applicationsApi.get(id), enabled: !!id && filing });
  const change = useQuery({ queryKey: ['change-report', id], queryFn: () => changesApi.get(id), enabled: !!id && work?.kind === 'change_report' });
  useBreadcrumbTitle(work?.space.name);

  if (query.isError && !work) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  if (!work) return <PageSpinner />;

  const name = (s: { name: string; nameEn: string }) => (en ? s.nameEn : s.name);
  const stageName = (key: string) => {
    const s = work.chain.find((c) => c.key === key);
    return s ? name(s) : key;
  };
  const current = work.chain.findIndex((s) => s.key === work.stage.key);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        size="small"
        title={
          <Space wrap>
            <span data-testid="stage-work-title">{work.space.name}</span>
            <ApplicationStatusTag status={work.status} />
            <SpaceHistoryLink spaceId={work.space.id} />
          </Space>
        }
        extra={
          <Space wrap>
            {work.abilities.extend_stage && (
              <Button data-testid="stage-due" onClick={() => setDialog('due')}>
                {t('review.due.button')}
              </Button>
            )}
            {filing && (
              <Button icon={<DownloadOutlined />} href={applicationLinks.exportDocx(work.id)}>
                {t('dossier.exportDocx')}
              </Button>
            )}
            {filing && (
              <Button icon={<DownloadOutlined />} href={applicationLinks.materialsZip(work.id)}>
                {t('dossier.exportZip')}
              </Button>
            )}
          </Space>
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('review.operator')}>{work.operator.name}</Descriptions.Item>
          <Descriptions.Item label={t('review.call')}>{work.call.title}</Descriptions.Item>
          <Descriptions.Item label={t('review.round')}>{work.round}</Descriptions.Item>
          <Descriptions.Item label={t('review.stage')}>
            <Space size={4}>
              {name(work.stage)}
              <Tag>{t(`review.kind.${work.stage.kind}`)}</Tag>
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('review.dueAt')}>
            <Space size={4}>
              {formatDateTime(work.stage.dueAt)}
              {work.stage.overdue && <Tag color="red">{t('review.overdue')}</Tag>}
            </Space>
          </Descriptions.Item>
          {work.resubmitDueAt && <Descriptions.Item label={t('review.resubmitDueLabel')}>{formatDateTime(work.resubmitDueAt)}</Descriptions.Item>}
        </Descriptions>
        <Steps size="small" current={current} style={{ marginTop: 12 }} items={work.chain.map((s) => ({ title: name(s) }))} />
      </Card>

      <Row gutter={[16, 16]} wrap>
        <Col xs={24} xl={14} style={{ minWidth: 0 }}>
          <Card size="small" title={t('reviewSplit.dossier')} data-testid="dossier-panel">
            {work.kind === 'annual_return' ? (
              <ReturnMaterial id={work.id} />
            ) : work.kind === 'support' ? (
              <SupportMaterial submissionId={work.id} />
            ) : change.data ? (
              <ChangeMaterial report={change.data} />
            ) : change.isError ? (
              <QueryError error={change.error} onRetry={() => void change.refetch()} />
            ) : dossier.data ? (
              <DossierPanel app={dossier.data} work={work} stageName={stageName} />
            ) : dossier.isError ? (
              <QueryError error={dossier.error} onRetry={() => void dossier.refetch()} />
            ) : (
              <PageSpinner />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={10} style={{ minWidth: 0 }}>
          <div style={{ position: 'sticky', top: 16 }}>
            <DecisionPanel work={work} stageName={stageName} onDialog={setDialog} />
          </div>
        </Col>
      </Row>

      {dialog === 'return' && <ReturnDialog work={work} onClose={() => setDialog(null)} />}
      {dialog === 'reject' && <RejectDialog work={work} onClose={() => setDialog(null)} />}
      {dialog === 'due' && <DueDialog work={work} onClose={() => setDialog(null)} />}
    </Space>
  );
}

/**
 * The right half: the checklist and the decision when the actor decides here; otherwise who acts at
 * this stage and where, so a reviewer at a notice stage is told the authority's admin publishes it
 * instead of being sent to a page where nothing can be done.
 */
function DecisionPanel({ work, stageName, onDialog }: { work: Work; stageName: (key: string) => string; onDialog: (d: Dialog) => void }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const decides = work.abilities.pass || work.abilities.return || work.abilities.reject;
  const kind = work.stage.kind;
  const elsewhere = kind === 'notice' || kind === 'recommend' || kind === 'decision' || kind === 'expert';
  // Publishing a notice is the admin's (notices policy); a reviewer there reads the material only.
  const noticeReadOnly = kind === 'notice' && !can(me, 'notice.publish');
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {noticeReadOnly ? (
        <div data-testid="notice-read-only">
          <Alert type="info" showIcon title={t('reviewSplit.notice.title')} description={t('reviewSplit.notice.text', { stage: stageName(work.stage.key) })} />
        </div>
      ) : (
        elsewhere && (
          <Alert
            type="info"
            showIcon
            title={t(`review.work.elsewhere.${kind}`)}
            description={
              <Space orientation="vertical" size={2}>
                {work.scoring && <span>{t('review.work.scoring', work.scoring)}</span>}
                <Link to={PAGE_OF_KIND[kind](work.id)}>{t(`review.open.${kind}`)}</Link>
              </Space>
            }
          />
        )
      )}
      {decides ? (
        <DecisionForm work={work} stageName={stageName} onDialog={onDialog} />
      ) : (
        !elsewhere && <Alert type="info" showIcon title={t('reviewSplit.noDecision', { stage: stageName(work.stage.key) })} />
      )}
    </Space>
  );
}

/** After a change the page shows the server's answer and the queue is refreshed. */
function useApplyResult(id: string) {
  const queryClient = useQueryClient();
  return async (result: Work) => {
    queryClient.setQueryData(reviewKeys.work(id), result);
    await Promise.all([queryClient.invalidateQueries({ queryKey: reviewKeys.queue }), queryClient.invalidateQueries({ queryKey: ['review-dossier', id] })]);
  };
}

/** Enter sends a comment form; Shift+Enter starts a new line, and an IME composing Chinese keeps its Enter. */
function submitOnEnter(submit: () => void) {
  return (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      submit();
    }
  };
}

function DecisionForm({ work, stageName, onDialog }: { work: Work; stageName: (key: string) => string; onDialog: (d: Dialog) => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<ChecklistFormValues & { note: string }>();
  const errors = useFormErrors(form);
  const apply = useApplyResult(work.id);
  const [busy, setBusy] = useState(false);
  const next = work.chain[work.chain.findIndex((s) => s.key === work.stage.key) + 1];

  async function pass(values: ChecklistFormValues & { note: string }) {
    setBusy(true);
    try {
      await apply(await reviewApi.pass(work.id, { stageKey: work.stage.key, checklist: checklistFromForm(values), note: values.note }));
      errors.clear();
      form.resetFields();
      message.success(t('review.work.passed'));
    } catch (err) {
      errors.onError(err);
    } finally {
      setBusy(false);
    }
  }

  /** Passing moves the application on for good: the reviewer confirms first (Enter confirms, Esc goes back). */
  function confirmPass(values: ChecklistFormValues & { note: string }) {
    modal.confirm({
      title: t('reviewSplit.pass.title', { stage: stageName(work.stage.key) }),
      content: next ? t('reviewSplit.pass.next', { next: stageName(next.key) }) : t('reviewSplit.pass.last'),
      okText: t('reviewSplit.pass.ok'),
      cancelText: t('common.cancel'),
      autoFocusButton: 'ok',
      okButtonProps: { 'data-testid': 'review-pass-confirm' } as ButtonProps,
      onOk: () => pass(values),
    });
  }

  return (
    <Card title={t('review.checklist.title', { stage: work.stage.name })} size="small" data-testid="decision-panel">
      <Typography.Paragraph type="secondary">{t('review.checklist.hint')}</Typography.Paragraph>
      {errors.alert}
      <Form form={form} layout="vertical" name="stage-checklist" onFinish={confirmPass}>
        <ChecklistFields items={work.stage.checklist} problemAllowed={false} />
        <Form.Item name="note" label={t('review.note')} extra={t('reviewSplit.enterHint')} rules={[{ required: true, min: 2, whitespace: true, message: t('review.noteRequired') }]}>
          <Input.TextArea rows={3} onKeyDown={submitOnEnter(() => form.submit())} />
        </Form.Item>
        <Flex gap={8} wrap>
          {work.abilities.pass && (
            <Button type="primary" htmlType="submit" loading={busy} data-testid="review-pass">
              {t('review.action.pass')}
            </Button>
          )}
          {work.abilities.return && (
            <Button data-testid="review-return" onClick={() => onDialog('return')}>
              {t('review.action.return', { who: reviserOf(work) })}
            </Button>
          )}
          {work.abilities.reject && (
            <Button danger data-testid="review-reject" onClick={() => onDialog('reject')}>
              {t('review.action.reject')}
            </Button>
          )}
        </Flex>
      </Form>
    </Card>
  );
}

interface ReturnValues {
  note: string;
  itemComments: { field: string; comment: string }[];
  resubmitDueAt: Dayjs;
}

function ReturnDialog({ work, onClose }: { work: Work; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ReturnValues>();
  const errors = useFormErrors(form);
  const apply = useApplyResult(work.id);
  const [busy, setBusy] = useState(false);
  const slots = [...new Set((work.rounds[work.rounds.length - 1]?.attachments ?? []).map((a) => a.slotKey))];
  const fieldOptions = [...REPORT_SECTIONS.map((s) => `report.${s}`), ...slots.map((s) => `attachments.${s}`)].map((value) => ({ value }));

  async function submit(values: ReturnValues) {
    setBusy(true);
    try {
      await apply(await reviewApi.return(work.id, { stageKey: work.stage.key, note: values.note, itemComments: values.itemComments, resubmitDueAt: shanghaiInstant(values.resubmitDueAt) }));
      message.success(t('review.return.done', { who: reviserOf(work) }));
      onClose();
    } catch (err) {
      errors.onError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal open width={720} title={t('review.action.return', { who: reviserOf(work) })} onCancel={onClose} okText={t('review.action.return', { who: reviserOf(work) })} okButtonProps={{ loading: busy, 'data-testid': 'review-return-confirm' } as ButtonProps} onOk={() => form.submit()}>
      {errors.alert}
      <Form form={form} layout="vertical" name="review-return" onFinish={(v) => void submit(v)} initialValues={{ itemComments: [{ field: '', comment: '' }], resubmitDueAt: dayjs().add(10, 'day').hour(17).minute(0).second(0) }}>
        <Form.Item name="note" label={t('review.return.reason')} extra={t('reviewSplit.enterHint')} rules={[{ required: true, min: 2, whitespace: true, message: t('review.noteRequired') }]}>
          <Input.TextArea rows={3} data-testid="return-note" onKeyDown={submitOnEnter(() => form.submit())} />
        </Form.Item>
        <Typography.Text strong>{t('review.return.items')}</Typography.Text>
        <Form.List name="itemComments" rules={[{ validator: (_, v: unknown[]) => (v?.length ? Promise.resolve() : Promise.reject(new Error(t('review.return.itemsRequired')))) }]}>
          {(fields, { add, remove }, { errors: listErrors }) => (
            <>
              {fields.map((f, i) => (
                <Space key={f.key} align="start" style={{ display: 'flex' }}>
                  <Form.Item name={[f.name, 'field']} rules={[{ required: true, whitespace: true, message: t('review.return.fieldRequired') }]} style={{ width: 240 }}>
                    <AutoComplete options={fieldOptions} placeholder={t('review.return.fieldPlaceholder')} data-testid={`return-field-${i}`} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'comment']} rules={[{ required: true, whitespace: true, message: t('review.return.commentRequired') }]} style={{ width: 360 }}>
                    <Input placeholder={t('review.return.comment')} data-testid={`return-comment-${i}`} />
                  </Form.Item>
                  {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(f.name)} style={{ marginTop: 8 }} />}
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ field: '', comment: '' })}>
                {t('review.return.addItem')}
              </Button>
              <Form.ErrorList errors={listErrors} />
            </>
          )}
        </Form.List>
        <Form.Item name="resubmitDueAt" label={t('review.resubmitDueLabel')} rules={[{ required: true, message: t('review.return.dueRequired') }]} style={{ marginTop: 16 }}>
          <DatePicker showTime disabledDate={(d) => d.isBefore(dayjs(), 'day')} data-testid="return-due" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RejectDialog({ work, onClose }: { work: Work; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ note: string }>();
  const errors = useFormErrors(form);
  const apply = useApplyResult(work.id);
  const [busy, setBusy] = useState(false);

  async function submit(values: { note: string }) {
    setBusy(true);
    try {
      await apply(await reviewApi.reject(work.id, { stageKey: work.stage.key, note: values.note }));
      message.success(t('review.reject.done'));
      onClose();
    } catch (err) {
      errors.onError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal open title={t('review.reject.title')} onCancel={onClose} okText={t('review.action.reject')} okButtonProps={{ danger: true, loading: busy, 'data-testid': 'review-reject-confirm' } as ButtonProps} onOk={() => form.submit()}>
      <Alert type="warning" showIcon title={t('review.reject.warning')} style={{ marginBottom: 12 }} />
      {errors.alert}
      <Form form={form} layout="vertical" name="review-reject" onFinish={(v) => void submit(v)}>
        <Form.Item name="note" label={t('review.reject.reason')} extra={t('reviewSplit.enterHint')} rules={[{ required: true, min: 2, whitespace: true, message: t('review.noteRequired') }]}>
          <Input.TextArea rows={4} data-testid="reject-note" onKeyDown={submitOnEnter(() => form.submit())} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function DueDialog({ work, onClose }: { work: Work; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ dueAt: Dayjs; reason: string }>();
  const errors = useFormErrors(form);
  const apply = useApplyResult(work.id);
  const [busy, setBusy] = useState(false);

  async function submit(values: { dueAt: Dayjs; reason: string }) {
    setBusy(true);
    try {
      await apply(await reviewApi.stageDue(work.id, { dueAt: shanghaiInstant(values.dueAt), reason: values.reason }));
      message.success(t('review.due.done'));
      onClose();
    } catch (err) {
      errors.onError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal open title={t('review.due.title', { stage: work.stage.name })} onCancel={onClose} okButtonProps={{ loading: busy }} onOk={() => form.submit()}>
      {errors.alert}
      <Form form={form} layout="vertical" name="stage-due" onFinish={(v) => void submit(v)} initialValues={{ dueAt: work.stage.dueAt ? dayjs(work.stage.dueAt) : undefined }}>
        <Form.Item name="dueAt" label={t('review.dueAt')} rules={[{ required: true, message: t('review.due.dueRequired') }]}>
          <DatePicker showTime disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="reason" label={t('review.due.reason')} rules={[{ required: true, min: 2, whitespace: true, message: t('review.noteRequired') }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
