import { DownloadOutlined, SaveOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Flex, Form, Progress, Space, Steps, Timeline, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { applicationLinks, applicationsApi, type ApplicationDetail, type BasicInfo, htmlToText, type Indicators, REPORT_SECTIONS, type Report, textToHtml, type YesWithName } from '../../api/applications';
import { ApiError, errorMessage } from '../../api/client';
import { PageSpinner } from '../../components/PageSpinner';
import { QueryError } from '../../components/QueryError';
import { useFormErrors } from '../../components/useFormErrors';
import { formatDateTime } from '../../lib/format';
import { BasicInfoStep } from './BasicInfoStep';
import { IndicatorsStep, useIndicatorsMissing } from './IndicatorsStep';
import { ApplicationStatusTag } from './parts';
import { ReportStep } from './ReportStep';
import { AssessmentStep, AssessmentSummary, AttachmentsStep, COMMITMENT_SLOT, CommitmentStep, MissingList, useAssessment } from './SideSteps';
import type { ApplicationInReview } from '../../api/review';
import { ApplicantReviewPanel } from '../review/ApplicantReviewPanel';
import { FraudAction } from '../credit/FraudModal';
import { PackageCard } from '../recommendations/PackageCard';
import { useBreadcrumbTitle } from '../../app/breadcrumbs';

/** What the form holds: the dossier with a date picker value and the 申报书 as plain text. */
interface FormValues {
  basicInfo: Omit<BasicInfo, 'foundedOn'> & { foundedOn?: Dayjs | null };
  report: Partial<Record<Exclude<keyof Report, 'successCases'>, string>> & { successCases?: { title?: string; content?: string }[] };
  /** 评价指标: cleared inputs hold null or undefined. */
  indicators: Indicators;
}

const STEPS = ['basicInfo', 'report', 'indicators', 'attachments', 'commitment', 'assessment', 'submit'] as const;
type Step = (typeof STEPS)[number];
/** Steps whose lacks the server lists (`missing`): basicInfo.x, report.x, attachments.x, commitment. */
const TRACKED: readonly Step[] = ['basicInfo', 'report', 'attachments', 'commitment'];
/** Which step a missing item belongs to: the signed commitment's upload is part of the commitment step. */
const stepOfField = (field: string) => {
  if (field === `attachments.${COMMITMENT_SLOT}`) return STEPS.indexOf('commitment');
  const head = field.split('.')[0] as Step;
  return STEPS.indexOf(TRACKED.includes(head) ? head : 'submit');
};
const AUTOSAVE_MS = 1200;

function toForm(app: ApplicationDetail): FormValues {
  const { foundedOn, ...info } = app.basicInfo;
  const report: FormValues['report'] = {};
  for (const s of REPORT_SECTIONS) if (s !== 'successCases') report[s] = htmlToText(app.report[s]);
  report.successCases = (app.report.successCases ?? []).map((c) => ({ title: c.title, content: htmlToText(c.content) }));
  return { basicInfo: { ...info, foundedOn: foundedOn ? dayjs(foundedOn) : null }, report, indicators: app.indicators ?? {} };
}

/** Drops what is not answered (empty text, cleared numbers) so a draft stays a valid partial dossier. */
function toDossier(values: FormValues): { basicInfo: BasicInfo; report: Report; indicators: Indicators } {
  const info: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(values.basicInfo ?? {})) {
    if (v === null || v === undefined || v === '') continue;
    if (key === 'foundedOn') info[key] = (v as Dayjs).format('YYYY-MM-DD');
    else if (key === 'managementSystems') {
      const m = v as NonNullable<BasicInfo['managementSystems']>;
      info[key] = { entryStandard: !!m.entryStandard, exitConditions: !!m.exitConditions, incubateeDatabase: !!m.incubateeDatabase, ...(m.other?.trim() ? { other: m.other.trim() } : {}) };
    } else if (typeof v === 'object') {
      const y = v as Partial<YesWithName>;
      if (typeof y.yes === 'boolean') info[key] = { yes: y.yes, ...(y.yes && y.name?.trim() ? { name: y.name.trim() } : {}) };
    } else info[key] = typeof v === 'string' ? v.trim() : v;
  }
  const report: Report = {};
  for (const s of REPORT_SECTIONS) if (s !== 'successCases') report[s] = textToHtml(values.report?.[s] ?? '');
  report.successCases = (values.report?.successCases ?? []).map((c) => ({ title: c?.title?.trim() ?? '', content: textToHtml(c?.content ?? '') }));
  const indicators: Indicators = {};
  for (const [group, entries] of Object.entries(values.indicators ?? {})) {
    const answered = Object.entries(entries ?? {}).filter(([, v]) => v !== null && v !== undefined && v !== '');
    if (answered.length) indicators[group as keyof Indicators] = Object.fromEntries(answered);
  }
  return { basicInfo: info as BasicInfo, report, indicators };
}

type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'error' | 'conflict';

/** The application dossier as a stepped form with autosave, self-assessment and submission. */
export default function Dossier() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const errors = useFormErrors(form);
  const [step, setStep] = useState(0);
  const [saveState, setSaveState] = useState<SaveState>('idle');
  const [conflict, setConflict] = useState<ApiError | null>(null);
  const [submitError, setSubmitError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const revision = useRef(0);
  const loaded = useRef<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const chain = useRef<Promise<void>>(Promise.resolve());
  const key = ['application', id];

  const query = useQuery({ queryKey: key, queryFn: () => applicationsApi.get(id) });
  const app = query.data;
  useBreadcrumbTitle(app?.space.name);
  const editable = !!app?.abilities.edit;

  const load = useCallback(
    (detail: ApplicationDetail) => {
      revision.current = detail.revision;
      form.setFieldsValue(toForm(detail));
      loaded.current = detail.id;
    },
    [form],
  );
  useEffect(() => {
    if (app && loaded.current !== app.id) load(app);
  }, [app, load]);
  useEffect(() => () => clearTimeout(timer.current), []);

  /** Saves what the form holds now; saves run one after another so each sends the latest revision. */
  const save = useCallback(() => {
    clearTimeout(timer.current);
    chain.current = chain.current.then(async () => {
      setSaveState('saving');
      try {
        const saved = await applicationsApi.saveDossier(id, { revision: revision.current, ...toDossier(form.getFieldsValue(true)) });
        revision.current = saved.revision;
        queryClient.setQueryData(key, saved);
        errors.clear();
        setSaveState('saved');
      } catch (err) {
        if (err instanceof ApiError && err.status === 409) {
          setConflict(err);
          setSaveState('conflict');
        } else {
          errors.onError(err);
          setSaveState('error');
        }
      }
    });
    return chain.current;
  }, [id, form, queryClient]);

  function onValuesChange() {
    if (!editable || conflict) return;
    setSaveState('pending');
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(), AUTOSAVE_MS);
  }

  async function reloadFromServer() {
    const fresh = await query.refetch();
    if (fresh.data) load(fresh.data);
    setConflict(null);
    setSaveState('idle');
  }

  async function overwrite() {
    const fresh = await query.refetch();
    if (!fresh.data) return;
    revision.current = fresh.data.revision;
    setConflict(null);
    await save();
  }

  const refresh = () => query.refetch();

  async function transition(action: 'submit' | 'withdraw') {
    setBusy(true);
    setSubmitError(null);
    try {
      if (action === 'submit' && saveState === 'pending') await save();
      const result = await applicationsApi[action](id, revision.current);
      revision.current = result.revision;
      queryClient.setQueryData(key, result);
      await queryClient.invalidateQueries({ queryKey: ['applications'] });
      message.success(t(`dossier.submit.${action}Done`));
    } catch (err) {
      setSubmitError(err);
      if (!(err instanceof ApiError && err.code === 'APPLICATION_INCOMPLETE')) message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const confirmTransition = (action: 'submit' | 'withdraw') =>
    modal.confirm({
      title: t(`dossier.submit.${action}ConfirmTitle`),
      content: t(`dossier.submit.${action}ConfirmText`),
      okText: t('common.ok'),
      cancelText: t('common.cancel'),
      onOk: () => transition(action),
    });

  if (query.isError && !app) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  if (!app) return <PageSpinner />;

  const current = STEPS[step];
  const incomplete = submitError instanceof ApiError && submitError.code === 'APPLICATION_INCOMPLETE' ? submitError.fields : app.missing;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            {app.space.name}
            <ApplicationStatusTag status={app.status} />
          </Space>
        }
        extra={
          <Space wrap>
            <SaveIndicator state={saveState} />
            {editable && (
              <Button icon={<SaveOutlined />} onClick={() => void save()} disabled={!!conflict}>
                {t('dossier.saveNow')}
              </Button>
            )}
            <Button icon={<DownloadOutlined />} href={applicationLinks.exportDocx(id)}>
              {t('dossier.exportDocx')}
            </Button>
            <Button icon={<DownloadOutlined />} href={applicationLinks.materialsZip(id)}>
              {t('dossier.exportZip')}
            </Button>
            <FraudAction applicationId={id} status={app.status} onDone={() => void refresh()} />
          </Space>
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('applications.call')}>{app.call.title}</Descriptions.Item>
          <Descriptions.Item label={t('applications.deadline')}>{formatDateTime(app.deadline)}</Descriptions.Item>
          <Descriptions.Item label={t('dossier.progress')}>
            <DossierProgress app={app} />
          </Descriptions.Item>
        </Descriptions>
      </Card>

      {conflict && (
        <Alert
          type="error"
          showIcon
          data-testid="conflict"
          title={t('dossier.conflict.title')}
          description={
            <>
              <div>{conflict.localized}</div>
              <div>{t('dossier.conflict.kept')}</div>
            </>
          }
          action={
            <Space direction="vertical">
              <Button size="small" onClick={() => void reloadFromServer()}>
                {t('dossier.conflict.reload')}
              </Button>
              <Button size="small" type="primary" danger onClick={() => void overwrite()}>
                {t('dossier.conflict.overwrite')}
              </Button>
            </Space>
          }
        />
      )}
      {app.status === 'submitted' && <Alert type="success" showIcon title={t('dossier.submittedAt', { at: formatDateTime(app.submittedAt) })} />}
      <ApplicantReviewPanel
        app={app as ApplicationInReview}
        flush={async () => {
          if (saveState === 'pending') await save();
          return revision.current;
        }}
        onResubmitted={(detail) => {
          revision.current = detail.revision;
          queryClient.setQueryData(key, detail);
        }}
      />

      <PackageCard applicationId={id} enabled={app.status !== 'draft'} />

      <Card>
        <DossierSteps app={app} step={step} onChange={setStep} />
        {errors.alert}
        <Form form={form} name="dossier" layout="vertical" onValuesChange={onValuesChange} requiredMark="optional">
          <div hidden={current !== 'basicInfo'}>
            <BasicInfoStep disabled={!editable} reveal={app.abilities.reveal_personal ? applicationsApi.revealPersonal(app.id) : null} />
          </div>
          <div hidden={current !== 'report'}>
            <ReportStep disabled={!editable} />
          </div>
          {/* Mounted only when shown: the values stay in the form (and are saved) either way. */}
          {current === 'indicators' && <IndicatorsStep app={app} disabled={!editable} />}
        </Form>
        {current === 'attachments' && <AttachmentsStep app={app} refresh={refresh} />}
        {current === 'commitment' && <CommitmentStep app={app} refresh={refresh} />}
        {current === 'assessment' && <AssessmentStep app={app} refresh={refresh} />}
        {current === 'submit' && (
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            {app.status !== 'submitted' && <MissingList items={incomplete} />}
            <AssessmentSummary app={app} onOpen={() => setStep(STEPS.indexOf('assessment'))} />
            {submitError != null && !(submitError instanceof ApiError && submitError.code === 'APPLICATION_INCOMPLETE') && (
              <Alert type="error" showIcon title={errorMessage(submitError)} />
            )}
            <Flex gap={8}>
              {app.abilities.submit && app.status !== 'submitted' && (
                <Button type="primary" loading={busy} onClick={() => confirmTransition('submit')}>
                  {t('dossier.submit.submit')}
                </Button>
              )}
              {app.abilities.withdraw && app.status === 'submitted' && (
                <Button danger loading={busy} onClick={() => confirmTransition('withdraw')}>
                  {t('dossier.submit.withdraw')}
                </Button>
              )}
            </Flex>
          </Space>
        )}
        <Flex justify="space-between" style={{ marginTop: 24 }}>
          <Button disabled={step === 0} onClick={() => setStep(step - 1)}>
            {t('dossier.prev')}
          </Button>
          <Button type="primary" disabled={step === STEPS.length - 1} onClick={() => setStep(step + 1)}>
            {t('dossier.next')}
          </Button>
        </Flex>
      </Card>

      <Card title={t('dossier.history.title')} size="small">
        <Timeline
          items={app.history.map((h) => ({
            children: (
              <>
                <Typography.Text>{t(`dossier.history.action.${h.action.replace('.', '_')}`, { defaultValue: h.action })}</Typography.Text>{' '}
                <Typography.Text type="secondary">{formatDateTime(h.at)}</Typography.Text>
                {h.note && <div>{h.note}</div>}
              </>
            ),
          }))}
        />
      </Card>
    </Space>
  );
}

interface StepState {
  done: boolean;
  /** What the step still lacks or warns of, under its title. */
  note?: string;
}

/**
 * Where each step stands: the server's missing items for the form, the uploads and the
 * commitment; the rule set's unanswered indicators; the self-assessment complete when no condition
 * lacks data (failures are warnings, named under the step); the last step once handed in.
 */
function useStepStates(app: ApplicationDetail): Record<Step, StepState> {
  const { t } = useTranslation();
  const indicatorsMissing = useIndicatorsMissing(app);
  const assessment = useAssessment(app).data;
  const missing = (s: Step) => app.missing.filter((m) => STEPS[stepOfField(m.field)] === s).length;
  const fromMissing = (s: Step): StepState => {
    const n = missing(s);
    return { done: n === 0, note: n ? t('dossier.missingCount', { count: n }) : undefined };
  };
  const evaluation = assessment?.evaluation;
  const lacking = evaluation?.counts.missing_data ?? 0;
  const failing = evaluation?.counts.fail ?? 0;
  return {
    basicInfo: fromMissing('basicInfo'),
    report: fromMissing('report'),
    indicators: {
      done: indicatorsMissing === 0,
      note: indicatorsMissing ? t('dossier.missingCount', { count: indicatorsMissing }) : undefined,
    },
    attachments: fromMissing('attachments'),
    commitment: fromMissing('commitment'),
    assessment: {
      done: !!assessment && (!evaluation || lacking === 0),
      note: lacking ? t('dossier.assessment.lacking', { count: lacking }) : failing ? t('dossier.assessment.failing', { count: failing }) : undefined,
    },
    submit: { done: !!app.submittedAt && !['draft', 'withdrawn', 'returned'].includes(app.status) },
  };
}

const PROGRESS_STEPS = STEPS.filter((s) => s !== 'submit');

function DossierProgress({ app }: { app: ApplicationDetail }) {
  const states = useStepStates(app);
  const done = PROGRESS_STEPS.filter((s) => states[s].done).length;
  return <Progress percent={Math.round((done / PROGRESS_STEPS.length) * 100)} size="small" style={{ width: 160, margin: 0 }} />;
}

/** The steps with a check mark on each complete one and, under the others, what they lack. */
function DossierSteps({ app, step, onChange }: { app: ApplicationDetail; step: number; onChange: (step: number) => void }) {
  const { t } = useTranslation();
  const states = useStepStates(app);
  return (
    <Steps
      current={step}
      onChange={onChange}
      size="small"
      items={STEPS.map((s, i) => ({
        title: t(`dossier.steps.${s}`),
        status: i === step ? 'process' : states[s].done ? 'finish' : 'wait',
        description: states[s].note,
      }))}
      style={{ marginBottom: 24 }}
      data-testid="dossier-steps"
    />
  );
}

function SaveIndicator({ state }: { state: SaveState }) {
  const { t } = useTranslation();
  if (state === 'idle') return null;
  const type = state === 'error' || state === 'conflict' ? 'danger' : state === 'saved' ? 'success' : 'secondary';
  return (
    <Typography.Text type={type} data-testid="save-state">
      {t(`dossier.save.${state}`)}
    </Typography.Text>
  );
}
