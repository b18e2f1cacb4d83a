import { DeleteOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Drawer, Empty, Form, Input, Popconfirm, Radio, Select, Space, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client';
import { can, useMe } from '../../api/session';
import { type AlertDetail, type AlertSummary, ALERT_STATES, DISPOSITIONS, DUP_RULES, type EntityLink, STATE_COLORS, supportAlertsApi } from '../../api/supportAlerts';
import { PagedTable } from '../../components/PagedTable';
import { QueryError } from '../../components/QueryError';
import { useFormErrors } from '../../components/useFormErrors';
import { formatDateTime } from '../../lib/format';

interface Filters {
  rule?: AlertSummary['rule'];
  state?: AlertSummary['state'];
}

/** A figure in yuan or m², grouped the Chinese way. */
const figure = (v: unknown) => Number(v ?? 0).toLocaleString('zh-CN', { maximumFractionDigits: 2 });

/** The alert's explanation in plain words, from what the rule found (the server's explanation JSON). */
function Explanation({ alert }: { alert: AlertDetail }) {
  const { t } = useTranslation();
  const e = alert.explanation as Record<string, unknown> & {
    overlap?: { from: string; to: string; months: number };
    window?: { from: string; to: string };
    invoices?: string[];
    contracts?: string[];
  };
  const o = e.overlap ?? { from: '', to: '', months: 0 };
  const none = t('supportAlerts.none');
  const text = (() => {
    switch (alert.rule) {
      case 'D1':
        return t('supportAlerts.explain.D1', { undertaking: String(e.undertaking ?? ''), months: o.months, from: o.from, to: o.to });
      case 'D2':
        return t('supportAlerts.explain.D2', { invoices: e.invoices?.join('、') || none, contracts: e.contracts?.join('、') || none });
      case 'D3': {
        const overlap = t('supportAlerts.explain.D3', { months: o.months, from: o.from, to: o.to });
        // Set only when both supports state their area and months (the server's D3 detail).
        if (e.overlapAreaM2 == null) return overlap;
        const against = e.filedAreaM2 == null ? 'D3unfiled' : e.exceedsFiled ? 'D3exceeds' : 'D3within';
        return `${overlap}${t(`supportAlerts.explain.${against}`, { area: figure(e.overlapAreaM2), filed: figure(e.filedAreaM2) })}`;
      }
      case 'D4':
        return t('supportAlerts.explain.D4', { undertaking: String(e.undertaking ?? ''), from: e.window?.from ?? '', to: e.window?.to ?? '', item: String(e.item ?? ''), total: figure(e.total), cap: figure(e.cap), over: figure(e.over) });
      case 'D5':
        return t('supportAlerts.explain.D5', { payable: figure(e.payable), excess: figure(e.excess) });
      case 'D6':
        return t(e.direction === 'return_more' ? 'supportAlerts.explain.D6more' : 'supportAlerts.explain.D6less', {
          year: String(e.year ?? ''),
          declared: figure(e.declared),
          recorded: figure(e.recorded),
          difference: figure(Math.abs(Number(e.difference ?? 0))),
          tolerance: figure(e.tolerance),
        });
    }
  })();
  return <Alert type={alert.state === 'open' ? 'warning' : 'info'} showIcon message={t(`supportAlerts.rule.${alert.rule}`)} description={text} />;
}

function DisposeForm({ alert, onDone }: { alert: AlertDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ disposition: AlertDetail['state']; basis?: string }>();
  const errors = useFormErrors(form);
  const [busy, setBusy] = useState(false);
  const disposition = Form.useWatch('disposition', form);

  async function submit(v: { disposition: (typeof DISPOSITIONS)[number]; basis?: string }) {
    setBusy(true);
    try {
      await supportAlertsApi.dispose(alert.id, { disposition: v.disposition, basis: v.basis?.trim() || null, revision: alert.revision });
      message.success(t('supportAlerts.disposed'));
      errors.clear();
      onDone();
    } catch (err) {
      errors.onError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Form form={form} layout="vertical" onFinish={(v) => void submit(v as { disposition: (typeof DISPOSITIONS)[number]; basis?: string })} data-testid="alert-dispose">
      {errors.alert}
      <Form.Item name="disposition" label={t('supportAlerts.disposition')} rules={[{ required: true, message: t('supportAlerts.pickDisposition') }]}>
        <Radio.Group options={DISPOSITIONS.map((d) => ({ value: d, label: t(`supportAlerts.state.${d}`) }))} />
      </Form.Item>
      <Form.Item
        name="basis"
        label={t('supportAlerts.basis')}
        extra={t(disposition === 'recover' || disposition === 'suspend' ? 'supportAlerts.paymentHelp' : 'supportAlerts.basisHelp')}
        rules={[{ required: disposition === 'justified', message: t('supportAlerts.basisRequired') }]}
      >
        <Input.TextArea rows={3} maxLength={2000} showCount />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>
        {t('supportAlerts.dispose')}
      </Button>
    </Form>
  );
}

function AlertDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: ['support-alert', id], queryFn: () => supportAlertsApi.get(id!), enabled: !!id });
  const alert = query.data;
  return (
    <Drawer open={!!id} onClose={onClose} width={720} title={alert ? `${t(`supportAlerts.rule.${alert.rule}`)} · ${alert.spaceName ?? ''}` : t('supportAlerts.detail')} destroyOnHidden>
      {query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : !alert ? null : (
        <Space direction="vertical" size="large" style={{ width: '100%' }}>
          <Explanation alert={alert} />
          <Descriptions size="small" column={2}>
            <Descriptions.Item label={t('supportAlerts.field.state')}>
              <Tag color={STATE_COLORS[alert.state]}>{t(`supportAlerts.state.${alert.state}`)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('supportAlerts.field.detectedAt')}>{formatDateTime(alert.detectedAt)}</Descriptions.Item>
            {alert.basis && <Descriptions.Item label={t('supportAlerts.basis')} span={2}>{alert.basis}</Descriptions.Item>}
          </Descriptions>
          {alert.supportFacts.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('supportAlerts.noSupports')} />}
          {alert.supportFacts.map((s) => (
            <Card key={s.id} size="small" title={`${s.grantorName} · ${s.projectTitle}`}>
              <Descriptions size="small" column={2}>
                <Descriptions.Item label={t('supportAlerts.field.beneficiary')}>{`${s.beneficiaryName}（${s.beneficiaryUscc}）`}</Descriptions.Item>
                <Descriptions.Item label={t('supportAlerts.field.space')}>{s.spaceName}</Descriptions.Item>
                <Descriptions.Item label={t('supportAlerts.field.category')}>{t(`policies.category.${s.category}`, { defaultValue: s.category })}</Descriptions.Item>
                <Descriptions.Item label={t('supportAlerts.field.amount')}>{figure(s.amountYuan)}</Descriptions.Item>
                <Descriptions.Item label={t('supportAlerts.field.period')}>{`${s.periodFrom} ~ ${s.periodTo}`}</Descriptions.Item>
                <Descriptions.Item label={t('supportAlerts.field.grantedOn')}>{s.grantedOn}</Descriptions.Item>
                <Descriptions.Item label={t('supportAlerts.field.evidence')} span={2}>
                  {[...s.invoiceNos, ...s.contractNos].join('、') || t('supportAlerts.none')}
                </Descriptions.Item>
                <Descriptions.Item label={t('supportAlerts.field.payment')}>{t(`supportAlerts.payment.${s.paymentState}`)}</Descriptions.Item>
              </Descriptions>
            </Card>
          ))}
          {alert.canDispose && alert.state !== 'lapsed' ? (
            <DisposeForm
              alert={alert}
              onDone={() => {
                void queryClient.invalidateQueries({ queryKey: ['support-alert', id] });
                void queryClient.invalidateQueries({ queryKey: ['support-alerts'] });
              }}
            />
          ) : (
            <Typography.Text type="secondary">{alert.state === 'lapsed' ? t('supportAlerts.lapsedHelp') : t('supportAlerts.notGrantor')}</Typography.Text>
          )}
        </Space>
      )}
    </Drawer>
  );
}

function AlertsTable() {
  const { t } = useTranslation();
  const [open, setOpen] = useState<string | null>(null);
  return (
    <>
      <PagedTable<AlertSummary, Filters>
        queryKey="support-alerts"
        list={(q) => supportAlertsApi.list(q)}
        rowKey="id"
        emptyText={t('supportAlerts.empty')}
        inUrl={{
          keys: ['rule', 'state'],
          toParams: (v) => ({ rule: v.rule, state: v.state }),
          fromParams: (p) => ({ rule: p.rule as Filters['rule'], state: p.state as Filters['state'] }),
        }}
        toQuery={(v) => ({ rule: v.rule, state: v.state })}
        filters={
          <>
            <Form.Item name="rule">
              <Select allowClear placeholder={t('supportAlerts.allRules')} options={DUP_RULES.map((r) => ({ value: r, label: `${r} ${t(`supportAlerts.rule.${r}`)}` }))} style={{ width: 260 }} />
            </Form.Item>
            <Form.Item name="state">
              <Select allowClear placeholder={t('supportAlerts.allStates')} options={ALERT_STATES.map((s) => ({ value: s, label: t(`supportAlerts.state.${s}`) }))} style={{ width: 140 }} />
            </Form.Item>
          </>
        }
        columns={[
          {
            title: t('supportAlerts.field.rule'),
            dataIndex: 'rule',
            key: 'rule',
            sorter: true,
            render: (r: AlertSummary['rule'], row) => (
              <Button type="link" style={{ padding: 0 }} onClick={() => setOpen(row.id)} data-testid="alert-open">
                {`${r} ${t(`supportAlerts.rule.${r}`)}`}
              </Button>
            ),
          },
          { title: t('supportAlerts.field.space'), dataIndex: 'spaceName', render: (v: string | null) => v ?? '—' },
          {
            title: t('supportAlerts.field.supports'),
            key: 'supports',
            render: (_: unknown, row) => (row.supports.length ? row.supports.map((s) => <div key={s.id}>{`${s.projectTitle}（${figure(s.amountYuan)}）`}</div>) : '—'),
          },
          { title: t('supportAlerts.field.grantors'), key: 'grantors', render: (_: unknown, row) => [...new Set(row.supports.map((s) => s.grantorName))].join('、') || '—' },
          { title: t('supportAlerts.field.months'), key: 'months', render: (_: unknown, row) => (row.overlap ? t('supportAlerts.monthsText', row.overlap) : '—') },
          { title: t('supportAlerts.field.state'), dataIndex: 'state', key: 'state', sorter: true, render: (s: AlertSummary['state']) => <Tag color={STATE_COLORS[s]}>{t(`supportAlerts.state.${s}`)}</Tag> },
          { title: t('supportAlerts.field.detectedAt'), dataIndex: 'detectedAt', key: 'detectedAt', sorter: true, render: (v: string) => formatDateTime(v) },
        ]}
      />
      <AlertDrawer id={open} onClose={() => setOpen(null)} />
    </>
  );
}

function LinksTable({ manage }: { manage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ usccA: string; usccB: string; reason: string }>();
  const errors = useFormErrors(form);
  const [busy, setBusy] = useState(false);

  async function add(v: { usccA: string; usccB: string; reason: string }) {
    setBusy(true);
    try {
      await supportAlertsApi.addLink(v);
      message.success(t('supportAlerts.links.added'));
      form.resetFields();
      errors.clear();
      await queryClient.invalidateQueries({ queryKey: ['entity-links'] });
    } catch (err) {
      errors.onError(err);
    } finally {
      setBusy(false);
    }
  }

  async function remove(id: string) {
    try {
      await supportAlertsApi.removeLink(id);
      message.success(t('supportAlerts.links.removed'));
      await queryClient.invalidateQueries({ queryKey: ['entity-links'] });
    } catch (err) {
      message.error(errorMessage(err));
    }
  }

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary">{t('supportAlerts.links.intro')}</Typography.Paragraph>
      {manage && (
        <Form form={form} layout="inline" onFinish={(v) => void add(v)}>
          {errors.alert}
          <Form.Item name="usccA" rules={[{ required: true, message: t('supportAlerts.links.usccRequired') }]}>
            <Input placeholder={t('supportAlerts.links.usccA')} style={{ width: 220 }} maxLength={18} />
          </Form.Item>
          <Form.Item name="usccB" rules={[{ required: true, message: t('supportAlerts.links.usccRequired') }]}>
            <Input placeholder={t('supportAlerts.links.usccB')} style={{ width: 220 }} maxLength={18} />
          </Form.Item>
          <Form.Item name="reason" rules={[{ required: true, message: t('supportAlerts.links.reasonRequired') }]}>
            <Input placeholder={t('supportAlerts.links.reason')} style={{ width: 260 }} maxLength={500} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('supportAlerts.links.add')}
          </Button>
        </Form>
      )}
      <PagedTable<EntityLink, Record<string, never>>
        queryKey="entity-links"
        list={(q) => supportAlertsApi.links(q)}
        rowKey="id"
        emptyText={t('supportAlerts.links.empty')}
        columns={[
          { title: t('supportAlerts.links.usccA'), dataIndex: 'usccA' },
          { title: t('supportAlerts.links.usccB'), dataIndex: 'usccB' },
          { title: t('supportAlerts.links.reason'), dataIndex: 'reason' },
          { title: t('supportAlerts.links.recordedBy'), dataIndex: 'recordedBy' },
          { title: t('supportAlerts.field.detectedAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
          {
            title: '',
            key: 'actions',
            render: (_: unknown, row) =>
              row.canDelete ? (
                <Popconfirm title={t('supportAlerts.links.confirmRemove')} onConfirm={() => void remove(row.id)}>
                  <Button type="text" danger icon={<DeleteOutlined />}>
                    {t('supportAlerts.links.remove')}
                  </Button>
                </Popconfirm>
              ) : null,
          },
        ]}
      />
    </Space>
  );
}

/**
 * 支持重复预警: the duplicate-support alerts of the actor's grants and region tree (D1–D6), each
 * explained in plain words with both supports' facts, disposed of by a granting reviewer; and the
 * entity links that join USCCs into one undertaking.
 */
export default function SupportAlerts() {
  const { t } = useTranslation();
  const me = useMe().data;
  return (
    <Card
      title={
        <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
          {t('supportAlerts.title')}
        </Typography.Title>
      }
    >
      <Typography.Paragraph type="secondary">{t('supportAlerts.intro')}</Typography.Paragraph>
      <Tabs
        items={[
          { key: 'alerts', label: t('supportAlerts.tabs.alerts'), children: <AlertsTable /> },
          { key: 'links', label: t('supportAlerts.tabs.links'), children: <LinksTable manage={!!me && can(me, 'entity_link.manage')} /> },
        ]}
      />
    </Card>
  );
}
