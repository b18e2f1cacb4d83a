import { DownloadOutlined, EyeOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Empty, Flex, Space, Table, Tabs, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApplicationDetail, type Attachment, applicationsApi, htmlToText, isPersonalField, REPORT_SECTIONS } from '../../api/applications';
import { hrefOf } from '../../api/client';
import type { Evaluation } from '../../api/criteria';
import type { StageWork } from '../../api/review';
import { RevealButton } from '../../components/RevealButton';
import { formatDateTime } from '../../lib/format';
import { formatBytes } from '../applications/parts';
import { fieldLabel, fieldUnit, ConditionResultList, OutcomeTag } from '../criteria/parts';
import { ReviewHistory, RoundsDiff, showValue } from './parts';

/** The 基础信息表 in the order of 001 附件2, with the unit each figure is given in. */
const BASIC_FIELDS = [
  'spaceName',
  'foundedOn',
  'operatorName',
  'operatorNature',
  'legalRepresentative',
  'legalRepresentativePhone',
  'principalName',
  'principalMobile',
  'contactName',
  'contactMobile',
  'address',
  'email',
  'builtByEnterprise',
  'builtByUniversity',
  'builtByResearchInstitute',
  'professionalDirection',
  'teamTotal',
  'teamCollegePlus',
  'mentors',
  'floorAreaM2',
  'publicServiceAreaM2',
  'angelFundWan',
  'residentProjects',
  'residentEnterprises',
  'eventsHeld',
  'onlinePlatform',
  'publicTechPlatform',
  'managementSystems',
] as const;
const UNIT: Partial<Record<(typeof BASIC_FIELDS)[number], string>> = {
  teamTotal: 'people',
  teamCollegePlus: 'people',
  mentors: 'people',
  floorAreaM2: 'm2',
  publicServiceAreaM2: 'm2',
  angelFundWan: 'wan',
  residentProjects: 'projects',
  residentEnterprises: 'enterprises',
  eventsHeld: 'times',
};

/** Kinds the browser shows by itself (the server's preview answers only these). */
const PREVIEW_KIND = (name: string): 'pdf' | 'image' | null => (/\.pdf$/i.test(name) ? 'pdf' : /\.(png|jpe?g)$/i.test(name) ? 'image' : null);

export const filePreviewUrl = (id: string, fileId: string) => hrefOf('/api/applications/{id}/files/{fileId}/preview', { path: { id, fileId } });
export const fileDownloadUrl = (id: string, fileId: string) => hrefOf('/api/applications/{id}/files/{fileId}/download', { path: { id, fileId } });

export type DossierTab = 'basicInfo' | 'report' | 'indicators' | 'assessment' | 'attachments' | 'history' | 'rounds';

/**
 * The dossier as the reviewer judges it, read-only and in one place: what the applicant declared, the
 * self-assessment it submitted with, its materials with an inline preview, what every stage said so
 * far and what changed between rounds. Nothing here navigates away from the stage work page.
 */
export function DossierPanel({ app, work, stageName }: { app: ApplicationDetail; work: StageWork; stageName: (key: string) => string }) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<DossierTab>('basicInfo');
  const [previewing, setPreviewing] = useState<Attachment | null>(null);
  return (
    <Tabs
      activeKey={tab}
      onChange={(k) => setTab(k as DossierTab)}
      data-testid="dossier-tabs"
      items={[
        { key: 'basicInfo', label: t('reviewSplit.tab.basicInfo'), children: <BasicInfoTab app={app} /> },
        { key: 'report', label: t('reviewSplit.tab.report'), children: <ReportTab app={app} /> },
        { key: 'indicators', label: t('reviewSplit.tab.indicators'), children: <IndicatorsTab app={app} /> },
        { key: 'assessment', label: t('reviewSplit.tab.assessment'), children: <AssessmentTab app={app} work={work} /> },
        {
          key: 'attachments',
          label: `${t('reviewSplit.tab.attachments')} (${app.attachments.length})`,
          children: <AttachmentsTab app={app} previewing={previewing} onPreview={setPreviewing} />,
        },
        { key: 'history', label: t('reviewSplit.tab.history'), children: <HistoryTab app={app} work={work} stageName={stageName} /> },
        { key: 'rounds', label: `${t('reviewSplit.tab.rounds')}${work.diffs.length ? ` (${work.diffs.length})` : ''}`, children: <RoundsDiff diffs={work.diffs} /> },
      ]}
    />
  );
}

function BasicInfoTab({ app }: { app: ApplicationDetail }) {
  const { t } = useTranslation();
  const info = app.basicInfo as Record<string, unknown>;
  const value = (key: (typeof BASIC_FIELDS)[number]) => {
    const v = info[key];
    if (key === 'operatorNature' && typeof v === 'string') return t(`dossier.nature.${v}`, { defaultValue: v });
    if (key === 'managementSystems' && v && typeof v === 'object') {
      const ms = v as Record<string, unknown>;
      const held = ['entryStandard', 'exitConditions', 'incubateeDatabase'].filter((k) => ms[k] === true).map((k) => t(`dossier.f.ms.${k}`));
      if (typeof ms.other === 'string' && ms.other.trim()) held.push(ms.other);
      return held.length ? held.join('、') : '—';
    }
    const shown = showValue(v, t('common.yes'), t('common.no'));
    return UNIT[key] && shown !== '—' ? `${shown} ${t(`dossier.unit.${UNIT[key]}`)}` : shown;
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('reviewSplit.readOnly')}</Typography.Text>
      <div data-testid="dossier-basic-info">
      <Descriptions size="small" bordered column={1} styles={{ label: { width: 200 } }}>
        {BASIC_FIELDS.map((key) => (
          <Descriptions.Item key={key} label={t(`dossier.f.${key}`)}>
            <Space size={4} wrap>
              <span style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{value(key)}</span>
              {isPersonalField(key) && app.abilities.reveal_personal && !app.abilities.read_personal && typeof info[key] === 'string' && (
                <RevealButton reveal={applicationsApi.revealPersonal(app.id)} field={key} label={t(`dossier.f.${key}`)} />
              )}
            </Space>
          </Descriptions.Item>
        ))}
      </Descriptions>
      </div>
    </Space>
  );
}

function ReportTab({ app }: { app: ApplicationDetail }) {
  const { t } = useTranslation();
  const report = app.report as Record<string, unknown>;
  const paragraphs = (html: unknown) => {
    const text = typeof html === 'string' ? htmlToText(html) : '';
    return text.trim() ? (
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{text}</Typography.Paragraph>
    ) : (
      <Typography.Text type="secondary">{t('reviewSplit.notFilled')}</Typography.Text>
    );
  };
  return (
    <div data-testid="dossier-report">
      {REPORT_SECTIONS.map((s) => (
        <section key={s} style={{ marginBottom: 16 }}>
          <Typography.Title level={5}>{t(`dossier.report.${s}`)}</Typography.Title>
          {s === 'successCases' ? (
            Array.isArray(report.successCases) && report.successCases.length ? (
              (report.successCases as { title?: string; content?: string }[]).map((c, i) => (
                <div key={i}>
                  <Typography.Text strong>{t('dossier.report.case', { n: i + 1 })}：{c.title}</Typography.Text>
                  {paragraphs(c.content)}
                </div>
              ))
            ) : (
              <Typography.Text type="secondary">{t('reviewSplit.notFilled')}</Typography.Text>
            )
          ) : (
            paragraphs(report[s])
          )}
        </section>
      ))}
    </div>
  );
}

function IndicatorsTab({ app }: { app: ApplicationDetail }) {
  const { t } = useTranslation();
  const rows = Object.entries(app.indicators as Record<string, unknown>).flatMap(([group, fields]) =>
    fields && typeof fields === 'object' ? Object.entries(fields as Record<string, unknown>).map(([field, v]) => ({ path: `${group}.${field}`, v })) : [],
  );
  if (!rows.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('reviewSplit.indicatorsNone')} />;
  return (
    <div data-testid="dossier-indicators">
    <Descriptions size="small" bordered column={1} styles={{ label: { width: 240 } }}>
      {rows.map(({ path, v }) => {
        const unit = fieldUnit(t, path);
        const shown = showValue(v, t('common.yes'), t('common.no'));
        return (
          <Descriptions.Item key={path} label={fieldLabel(t, path)}>
            {unit && shown !== '—' ? `${shown} ${unit}` : shown}
          </Descriptions.Item>
        );
      })}
    </Descriptions>
    </div>
  );
}

/** The evaluation snapshot has the evaluator's shape; anything else (no rule set) is shown as absent. */
const asEvaluation = (v: StageWork['evaluation']): Evaluation | null => (v && Array.isArray(v.results) && typeof v.overall === 'string' ? (v as unknown as Evaluation) : null);

/** 自评明细: the self-assessment as it stood when the applicant submitted, each condition with its explanation. */
function AssessmentTab({ app, work }: { app: ApplicationDetail; work: StageWork }) {
  const { t } = useTranslation();
  const evaluation = asEvaluation(work.evaluation);
  if (!evaluation) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('review.work.noEvaluation')} />;
  const failing = (evaluation.counts.fail ?? 0) + (evaluation.counts.missing_data ?? 0);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Alert
        type={evaluation.overall === 'pass' ? 'success' : 'warning'}
        showIcon
        title={
          <Space wrap>
            {t('reviewSplit.assessment.overall', { title: app.call.ruleSet?.title ?? '' })}
            <OutcomeTag outcome={evaluation.overall} />
          </Space>
        }
        description={failing ? t('reviewSplit.assessment.failing', { count: failing }) : t('reviewSplit.assessment.snapshot')}
      />
      <ConditionResultList results={evaluation.results} testId="dossier-assessment" size="small" />
    </Space>
  );
}

/** The materials by slot; PDFs and images open in the preview below the list, the rest download. */
function AttachmentsTab({ app, previewing, onPreview }: { app: ApplicationDetail; previewing: Attachment | null; onPreview: (a: Attachment | null) => void }) {
  const { t } = useTranslation();
  const slotName = new Map(app.call.materialSlots.map((s) => [s.key, s.name]));
  const kind = previewing ? PREVIEW_KIND(previewing.fileName) : null;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Table<Attachment>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={app.attachments}
        tableLayout="fixed"
        data-testid="dossier-attachments"
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('reviewSplit.files.empty')} /> }}
        rowClassName={(a) => (a.id === previewing?.id ? 'ant-table-row-selected' : '')}
        columns={[
          { title: t('reviewSplit.files.slot'), key: 'slot', width: '28%', ellipsis: true, render: (_, a) => slotName.get(a.slotKey) ?? a.slotKey },
          { title: t('dossier.files.name'), dataIndex: 'fileName', ellipsis: true },
          { title: t('dossier.files.size'), dataIndex: 'sizeBytes', width: 90, render: formatBytes },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 150,
            render: (_, a) => (
              <Space size={0}>
                {PREVIEW_KIND(a.fileName) && (
                  <Button type="link" size="small" icon={<EyeOutlined />} data-testid={`preview-${a.fileId}`} onClick={() => onPreview(a)}>
                    {t('reviewSplit.files.preview')}
                  </Button>
                )}
                <Button type="link" size="small" icon={<DownloadOutlined />} href={fileDownloadUrl(app.id, a.fileId)}>
                  {t('reviewSplit.files.download')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {previewing && kind ? (
        <div data-testid="file-preview">
          <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
            <Typography.Text strong ellipsis>
              {t('reviewSplit.files.previewTitle', { name: previewing.fileName })}
            </Typography.Text>
            <Button size="small" onClick={() => onPreview(null)}>
              {t('reviewSplit.files.close')}
            </Button>
          </Flex>
          {kind === 'pdf' ? (
            <iframe
              key={previewing.fileId}
              title={previewing.fileName}
              src={filePreviewUrl(app.id, previewing.fileId)}
              style={{ width: '100%', height: '70vh', border: '1px solid rgba(5,5,5,0.06)', borderRadius: 6 }}
            />
          ) : (
            <img alt={previewing.fileName} src={filePreviewUrl(app.id, previewing.fileId)} style={{ maxWidth: '100%', display: 'block', margin: '0 auto' }} />
          )}
        </div>
      ) : (
        app.attachments.length > 0 && <Typography.Text type="secondary">{t('reviewSplit.files.pick')}</Typography.Text>
      )}
    </Space>
  );
}

/** 历次审核: every stage's verdicts with their checklists, then the application's own record of moves. */
function HistoryTab({ app, work, stageName }: { app: ApplicationDetail; work: StageWork; stageName: (key: string) => string }) {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('review.history.title')}
      </Typography.Title>
      <ReviewHistory reviews={work.reviews} stageName={stageName} />
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('dossier.history.title')}
      </Typography.Title>
      <div data-testid="dossier-events">
      <Timeline
        items={app.history.map((h) => ({
          content: (
            <Space orientation="vertical" size={0}>
              <Space wrap size={4}>
                <Typography.Text>{t(`dossier.history.action.${h.action.replace('.', '_')}`, { defaultValue: h.action })}</Typography.Text>
                {h.toStatus && h.toStatus !== h.fromStatus && <Tag>{t(`applications.status.${h.toStatus}`, { defaultValue: h.toStatus })}</Tag>}
                <Typography.Text type="secondary">{formatDateTime(h.at)}</Typography.Text>
              </Space>
              {h.note && <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{h.note}</Typography.Text>}
            </Space>
          ),
        }))}
      />
      </div>
    </Space>
  );
}
