import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, List, Select, Space, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { errorMessage, type FieldProblem } from '../../api/client';
import { type ReturnDetail as Detail, type ReturnFinding, type ReturnIndicator, type ReturnValues, returnLinks, returnsApi } from '../../api/returns';
import { filesApi } from '../../api/files';
import { can } from '../../api/session';
import { useCurrentUser } from '../../app/currentUser';
import { SpaceHistoryLink } from '../revocation/parts';
import { PageSpinner } from '../../components/PageSpinner';
import { useAction } from '../../components/useAction';
import { QueryError } from '../../components/QueryError';
import { ImportErrorTable, importProblemsOf } from '../../components/ImportErrors';
import { formatDateTime } from '../../lib/format';
import { ReopenReturn } from './ReopenReturn';
import { ReturnHistory } from './ReturnHistory';
import { ReturnDiffs } from './ReturnMaterial';
import { StateTag } from './Returns';

const SEVERITY_TYPES = { error: 'error', warning: 'warning', info: 'info' } as const;

/** Drops the form's empty answers: the server stores only what was filled in. */
const filled = (values: Record<string, unknown>): ReturnValues =>
  Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && !v.length))) as ReturnValues;

/** The signed and stamped cover's scan: the operator uploads it (PDF or JPG), everyone who reads the return opens it. */
function CoverScan({ detail }: { detail: Detail }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const attach = useAction(
    async (file: File) => returnsApi.attachCover(detail.id, (await filesApi.upload(file, file.name)).id),
    [['returns.detail', detail.id]],
    () => t('returns.downloads.scanAttached'),
  );
  return (
    <Space>
      {detail.coverScan && <a href={returnLinks.coverScan(detail.id)}>{t('returns.downloads.scan', { name: detail.coverScan.name })}</a>}
      {can(me, 'return.list_mine') && !detail.missedAt && (
        <Upload accept=".pdf,.jpg,.jpeg" showUploadList={false} beforeUpload={(f) => (attach.mutate(f), false)}>
          <Button size="small" icon={<UploadOutlined />} loading={attach.isPending}>
            {t('returns.downloads.uploadScan')}
          </Button>
        </Upload>
      )}
    </Space>
  );
}

function Field({ ind, detail, editable, lang }: { ind: ReturnIndicator; detail: Detail; editable: boolean; lang: string }) {
  const { t } = useTranslation();
  const label = lang === 'en-US' ? ind.labelEn : ind.label;
  const options = (ind.options ?? []).map((o) => ({ value: o.value, label: lang === 'en-US' ? o.labelEn : o.label }));
  const platform = detail.platform[ind.code];
  const extra = (
    <Space size={4} wrap>
      {ind.key && <Tag color="purple">{t('returns.form.key')}</Tag>}
      {platform !== undefined && <Tag color="cyan">{t('returns.form.platform', { value: platform, unit: ind.unit ?? '' })}</Tag>}
      {(lang === 'en-US' ? ind.helpEn : ind.help) && <Typography.Text type="secondary">{lang === 'en-US' ? ind.helpEn : ind.help}</Typography.Text>}
    </Space>
  );
  const input =
    ind.type === 'text' ? (
      <Input disabled={!editable} />
    ) : ind.type === 'select' ? (
      <Select allowClear disabled={!editable} options={options} style={{ width: 220 }} />
    ) : ind.type === 'multi_select' ? (
      <Select mode="multiple" allowClear disabled={!editable} options={options} />
    ) : (
      <InputNumber disabled={!editable} min={0} precision={ind.type === 'money' ? 3 : ind.type === 'area' ? 2 : 0} addonAfter={ind.unit} style={{ width: 240 }} />
    );
  return (
    <Form.Item name={ind.code} label={ind.parent ? <span style={{ paddingLeft: 16 }}>{label}</span> : label} extra={extra}>
      {input}
    </Form.Item>
  );
}

/** 统计报表: the form grouped as the catalogue groups it, units on every field, the platform's figures beside, the checks' findings and the notes they need. */
export default function ReturnDetail() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const detail = useQuery({ queryKey: ['returns.detail', id], queryFn: () => returnsApi.get(id) });
  const [form] = Form.useForm<Record<string, unknown>>();
  const [notes, setNotes] = useState<Record<string, string> | null>(null);
  const [findings, setFindings] = useState<ReturnFinding[] | null>(null);
  const refresh = async (fresh: Detail) => {
    queryClient.setQueryData(['returns.detail', id], fresh);
    setFindings(null);
    await queryClient.invalidateQueries({ queryKey: ['returns.mine'] });
  };
  const [importErrors, setImportErrors] = useState<FieldProblem[] | null>(null);
  const importBook = useMutation({
    mutationFn: ({ d, file }: { d: Detail; file: File }) => returnsApi.importBook(id, d.revision, file, file.name),
    onMutate: () => setImportErrors(null),
    onSuccess: async (fresh) => {
      message.success(t('returns.import.done'));
      await refresh(fresh);
    },
    onError: (e) => {
      const problems = importProblemsOf(e);
      if (problems) setImportErrors(problems);
      else message.error(errorMessage(e));
    },
  });
  const check = useMutation({ mutationFn: () => returnsApi.check(id, filled(form.getFieldsValue())), onSuccess: (r) => setFindings(r.findings), onError: (e) => message.error(errorMessage(e)) });
  const save = useMutation({
    mutationFn: (d: Detail) => returnsApi.save(id, { revision: d.revision, values: filled(form.getFieldsValue()), notes: notes ?? d.notes }),
    onSuccess: async (fresh) => {
      message.success(t('common.saved'));
      await refresh(fresh);
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const submit = useMutation({
    mutationFn: async (d: Detail) => returnsApi.submit(id, (await returnsApi.save(id, { revision: d.revision, values: filled(form.getFieldsValue()), notes: notes ?? d.notes })).revision),
    onSuccess: async (fresh) => {
      message.success(t('returns.form.submitted'));
      await refresh(fresh);
    },
    onError: async (e) => {
      message.error(errorMessage(e));
      await queryClient.invalidateQueries({ queryKey: ['returns.detail', id] });
    },
  });

  if (detail.isPending) return <PageSpinner />;
  if (detail.isError) return <QueryError error={detail.error} onRetry={() => void detail.refetch()} />;
  const d = detail.data;
  const lang = i18n.language;
  const editable = d.abilities.edit;
  const shown = findings ?? d.findings;
  const currentNotes = notes ?? d.notes;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card
        title={d.call.title}
        extra={
          <Space>
            <a href={returnLinks.returnXlsx(d.id)}>{t('returns.downloads.xlsx')}</a>
            {editable && (
              <Upload accept=".xlsx" showUploadList={false} beforeUpload={(file) => (importBook.mutate({ d, file }), false)}>
                <Button size="small" icon={<UploadOutlined />} loading={importBook.isPending} data-testid="return-import">
                  {t('returns.import.button')}
                </Button>
              </Upload>
            )}
            <a href={returnLinks.coverDocx(d.id)} data-testid="return-cover">
              {t('returns.downloads.cover')}
            </a>
            <CoverScan detail={d} />
            {d.abilities.reopen && <ReopenReturn d={d} />}
            <StateTag state={d.missedAt ? 'missed' : d.status} />
          </Space>
        }
      >
        <Descriptions size="small" column={3}>
          <Descriptions.Item label={t('returns.space')}>
            <Space>
              {d.space.name}
              <SpaceHistoryLink spaceId={d.space.id} />
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('returns.period')}>{d.period}</Descriptions.Item>
          <Descriptions.Item label={t('returns.dueAt')}>{formatDateTime(d.call.dueAt)}</Descriptions.Item>
          <Descriptions.Item label={t('returns.catalogue')}>{`${d.catalogue.name}（v${d.catalogue.version}）`}</Descriptions.Item>
          <Descriptions.Item label={t('returns.stage')}>{d.stage ? (lang === 'en-US' ? d.stage.nameEn : d.stage.name) : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('returns.authority')}>{d.call.authorityName}</Descriptions.Item>
        </Descriptions>
        <Alert type="info" showIcon title={t('returns.form.units')} />
        {importErrors && (
          <Alert
            type="error"
            showIcon
            style={{ marginTop: 12 }}
            title={t('returns.import.failed')}
            description={<ImportErrorTable problems={importErrors} />}
          />
        )}
      </Card>
      <ReturnDiffs d={d} />
      <ReturnHistory d={d} />
      <Card title={t('returns.findings.title')} extra={<Button onClick={() => check.mutate()} loading={check.isPending}>{t('returns.findings.check')}</Button>}>
        {shown.length === 0 ? (
          <Alert type="success" showIcon title={t('returns.findings.none')} />
        ) : (
          <List
            dataSource={shown}
            renderItem={(f) => (
              <List.Item>
                <Space direction="vertical" style={{ width: '100%' }}>
                  <Alert type={SEVERITY_TYPES[f.severity]} showIcon title={`${f.rule} ${lang === 'en-US' ? f.messageEn : f.message}`} />
                  {f.severity === 'warning' && (
                    <Input.TextArea
                      rows={2}
                      disabled={!editable}
                      placeholder={t('returns.findings.notePlaceholder')}
                      value={currentNotes[f.key] ?? ''}
                      onChange={(e) => setNotes({ ...currentNotes, [f.key]: e.target.value })}
                    />
                  )}
                </Space>
              </List.Item>
            )}
          />
        )}
      </Card>
      <Form form={form} layout="vertical" initialValues={d.values} key={d.revision}>
        {d.catalogue.definition.groups.map((g) => (
          <Card key={g.key} title={lang === 'en-US' ? g.labelEn : g.label} style={{ marginBottom: 16 }}>
            {d.catalogue.definition.indicators
              .filter((i) => i.group === g.key)
              .map((i) => (
                <Field key={i.code} ind={i} detail={d} editable={editable} lang={lang} />
              ))}
          </Card>
        ))}
      </Form>
      {editable && (
        <Space>
          <Button onClick={() => save.mutate(d)} loading={save.isPending}>
            {t('returns.form.save')}
          </Button>
          {(d.abilities.submit || d.abilities.resubmit) && (
            <Button type="primary" onClick={() => submit.mutate(d)} loading={submit.isPending}>
              {d.abilities.resubmit ? t('returns.form.resubmit') : t('returns.form.submit')}
            </Button>
          )}
        </Space>
      )}
    </Space>
  );
}
