import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Descriptions, Drawer, Empty, Form, Input, InputNumber, Radio, Select, Space, Switch, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import {
  financingApi,
  financingKeys,
  type FinancingRequest,
  type Fund,
  FUND_KINDS,
  INVESTMENT_TYPES,
  type Investor,
  INVESTOR_TYPES,
  REQUEST_STATE_COLORS,
  REQUEST_STATES,
  ROUNDS,
} from '../../api/financing';
import { KEY_INDUSTRIES, registryApi } from '../../api/registry';
import { rosterApi } from '../../api/roster';
import { CreateModal } from '../../components/CreateModal';
import { PagedTable } from '../../components/PagedTable';
import { QueryError } from '../../components/QueryError';
import { useAction } from '../../components/useAction';
import { useFormErrors } from '../../components/useFormErrors';
import { formatDateTime } from '../../lib/format';
import { dateField } from '../roster/IncubateeDrawer';

const wan = (n: number) => n.toLocaleString('zh-CN', { maximumFractionDigits: 2 });
const refresh = [[financingKeys.requests], [financingKeys.request], [financingKeys.funds]];

function useSpaces() {
  const spaces = useQuery({ queryKey: ['financing-spaces'], queryFn: () => registryApi.spaces({ pageSize: 100 }) });
  return (spaces.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }));
}

/** 基金与投融资: an operator's financing requests (matched with investors, investments recorded into the roster), its funds, the platform's investors. */
export default function Financing() {
  const { t } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const tab = search.get('tab') ?? 'requests';
  return (
    <Card title={t('financing.menu')}>
      <Tabs
        activeKey={tab}
        onChange={(k) => setSearch({ tab: k })}
        destroyOnHidden
        items={[
          { key: 'requests', label: t('financing.tabs.requests'), children: <Requests /> },
          { key: 'funds', label: t('financing.tabs.funds'), children: <Funds /> },
          { key: 'investors', label: t('financing.tabs.investors'), children: <Investors /> },
        ]}
      />
    </Card>
  );
}

// ---- funds ----

type FundValues = { spaceId: string; name: string; kind: Fund['kind']; sizeWan: number; manager: string; partner?: string | null; since: string; active: boolean };

function Funds() {
  const { t } = useTranslation();
  const spaces = useSpaces();
  const [editing, setEditing] = useState<Fund | null>();
  const [form] = Form.useForm<FundValues>();
  const required = [{ required: true, message: t('financing.form.required') }];
  return (
    <>
      <PagedTable<Fund, { spaceId?: string; kind?: Fund['kind'] }>
        queryKey={financingKeys.funds}
        list={financingApi.funds}
        rowKey="id"
        emptyText={t('financing.empty.funds')}
        toQuery={(v) => ({ spaceId: v.spaceId, kind: v.kind })}
        filters={
          <>
            <Form.Item name="spaceId">
              <Select allowClear placeholder={t('financing.allSpaces')} style={{ width: 240 }} options={spaces} />
            </Form.Item>
            <Form.Item name="kind">
              <Select allowClear placeholder={t('financing.col.kind')} style={{ width: 180 }} options={FUND_KINDS.map((k) => ({ value: k, label: t(`financing.fundKinds.${k}`) }))} />
            </Form.Item>
          </>
        }
        toolbar={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="fund-create">
            {t('financing.form.newFund')}
          </Button>
        }
        columns={[
          { title: t('financing.col.name'), key: 'name', sorter: true, render: (_, r) => <a onClick={() => setEditing(r)}>{r.name}</a> },
          { title: t('financing.col.space'), key: 'space', render: (_, r) => r.spaceName },
          { title: t('financing.col.kind'), key: 'kind', render: (_, r) => t(`financing.fundKinds.${r.kind}`) },
          { title: t('financing.col.size'), key: 'size', sorter: true, align: 'right', render: (_, r) => wan(r.sizeWan) },
          { title: t('financing.col.manager'), key: 'manager', render: (_, r) => r.manager },
          { title: t('financing.col.partner'), key: 'partner', render: (_, r) => r.partner ?? '—' },
          { title: t('financing.col.since'), key: 'since', sorter: true, render: (_, r) => r.since },
          { title: t('financing.col.active'), key: 'active', render: (_, r) => (r.active ? <Tag color="green">{t('financing.form.active')}</Tag> : <Tag>{t('financing.form.inactive')}</Tag>) },
        ]}
      />
      <CreateModal<FundValues>
        open={editing !== undefined}
        title={editing ? t('financing.form.editFund') : t('financing.form.newFund')}
        onClose={() => setEditing(undefined)}
        form={form}
        listKey={financingKeys.funds}
        initialValues={editing ? { ...editing } : { kind: 'own', active: true, spaceId: spaces.length === 1 ? spaces[0]!.value : undefined }}
        submit={({ spaceId, ...body }) => (editing ? financingApi.editFund(editing.id, { ...body, revision: editing.revision }) : financingApi.createFund(spaceId, body))}
      >
        <Form.Item name="spaceId" label={t('financing.col.space')} rules={required}>
          <Select options={spaces} disabled={!!editing} />
        </Form.Item>
        <Form.Item name="name" label={t('financing.col.name')} rules={required}>
          <Input maxLength={100} data-testid="fund-name" />
        </Form.Item>
        <Form.Item name="kind" label={t('financing.col.kind')} rules={required}>
          <Radio.Group options={FUND_KINDS.map((k) => ({ value: k, label: t(`financing.fundKinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="sizeWan" label={t('financing.col.size')} rules={required}>
          <InputNumber min={0.01} precision={2} style={{ width: 200 }} data-testid="fund-size" />
        </Form.Item>
        <Form.Item name="manager" label={t('financing.col.manager')} rules={required}>
          <Input maxLength={100} data-testid="fund-manager" />
        </Form.Item>
        <Form.Item name="partner" label={t('financing.col.partner')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="since" label={t('financing.col.since')} rules={required} {...dateField}>
          <DatePicker data-testid="fund-since" />
        </Form.Item>
        <Form.Item name="active" label={t('financing.col.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </CreateModal>
    </>
  );
}

// ---- investors ----

function Investors() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Investor>();
  const required = [{ required: true, message: t('financing.form.required') }];
  return (
    <>
      <PagedTable<Investor, { field?: Investor['fields'][number]; q?: string }>
        queryKey={financingKeys.investors}
        list={financingApi.investors}
        rowKey="id"
        emptyText={t('financing.empty.investors')}
        toQuery={(v) => ({ field: v.field, q: v.q })}
        filters={
          <>
            <Form.Item name="field">
              <Select allowClear placeholder={t('financing.allFields')} style={{ width: 180 }} options={KEY_INDUSTRIES.map((k) => ({ value: k, label: t(`spaces.industries.${k}`) }))} />
            </Form.Item>
            <Form.Item name="q">
              <Input allowClear placeholder={t('financing.search')} style={{ width: 200 }} />
            </Form.Item>
          </>
        }
        toolbar={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
            {t('financing.form.newInvestor')}
          </Button>
        }
        columns={[
          { title: t('financing.col.name'), key: 'name', sorter: true, render: (_, r) => r.name },
          { title: t('financing.col.kind'), key: 'type', render: (_, r) => t(`financing.investorTypes.${r.type}`) },
          { title: t('financing.col.fields'), key: 'fields', render: (_, r) => r.fields.map((f) => <Tag key={f}>{t(`spaces.industries.${f}`)}</Tag>) },
          { title: t('financing.col.intro'), key: 'intro', render: (_, r) => r.intro ?? '—' },
        ]}
      />
      <CreateModal<Investor>
        open={open}
        title={t('financing.form.newInvestor')}
        onClose={() => setOpen(false)}
        form={form}
        listKey={financingKeys.investors}
        submit={(v) => financingApi.registerInvestor({ name: v.name, type: v.type, fields: v.fields, intro: v.intro || null })}
      >
        <p>{t('financing.form.investorHint')}</p>
        <Form.Item name="name" label={t('financing.col.name')} rules={required}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="type" label={t('financing.col.kind')} rules={required}>
          <Radio.Group options={INVESTOR_TYPES.map((k) => ({ value: k, label: t(`financing.investorTypes.${k}`) }))} />
        </Form.Item>
        <Form.Item name="fields" label={t('financing.col.fields')} rules={required}>
          <Select mode="multiple" options={KEY_INDUSTRIES.map((k) => ({ value: k, label: t(`spaces.industries.${k}`) }))} />
        </Form.Item>
        <Form.Item name="intro" label={t('financing.col.intro')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </CreateModal>
    </>
  );
}

// ---- requests ----

type RequestValues = { spaceId: string; incubateeId: string; amountWan: number; round: FinancingRequest['round']; purpose: string; field?: FinancingRequest['field'] };

function Requests() {
  const { t } = useTranslation();
  const spaces = useSpaces();
  const [open, setOpen] = useState<string>();
  const [raising, setRaising] = useState(false);
  const [form] = Form.useForm<RequestValues>();
  const spaceId = Form.useWatch('spaceId', form);
  const incubatees = useQuery({ queryKey: ['financing-incubatees', spaceId], queryFn: () => rosterApi.list({ spaceId, status: 'resident', pageSize: 100 }), enabled: !!spaceId });
  const required = [{ required: true, message: t('financing.form.required') }];
  return (
    <>
      <PagedTable<FinancingRequest, { spaceId?: string; state?: FinancingRequest['state']; q?: string }>
        queryKey={financingKeys.requests}
        list={financingApi.requests}
        rowKey="id"
        emptyText={t('financing.empty.requests')}
        toQuery={(v) => ({ spaceId: v.spaceId, state: v.state, q: v.q })}
        filters={
          <>
            <Form.Item name="spaceId">
              <Select allowClear placeholder={t('financing.allSpaces')} style={{ width: 240 }} options={spaces} />
            </Form.Item>
            <Form.Item name="state">
              <Select allowClear placeholder={t('financing.allStates')} style={{ width: 140 }} options={REQUEST_STATES.map((s) => ({ value: s, label: t(`financing.states.${s}`) }))} />
            </Form.Item>
            <Form.Item name="q">
              <Input allowClear placeholder={t('financing.search')} style={{ width: 200 }} />
            </Form.Item>
          </>
        }
        toolbar={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setRaising(true)}>
            {t('financing.form.newRequest')}
          </Button>
        }
        columns={[
          { title: t('financing.col.incubatee'), key: 'incubatee', render: (_, r) => <a onClick={() => setOpen(r.id)}>{r.incubateeName}</a> },
          { title: t('financing.col.space'), key: 'space', render: (_, r) => r.spaceName },
          { title: t('financing.col.amount'), key: 'amount', sorter: true, align: 'right', render: (_, r) => wan(r.amountWan) },
          { title: t('financing.col.round'), key: 'round', render: (_, r) => t(`financing.rounds.${r.round}`) },
          { title: t('financing.col.field'), key: 'field', render: (_, r) => t(`spaces.industries.${r.field}`) },
          { title: t('financing.col.state'), key: 'state', sorter: true, render: (_, r) => <Tag color={REQUEST_STATE_COLORS[r.state]}>{t(`financing.states.${r.state}`)}</Tag> },
          { title: t('financing.col.invested'), key: 'invested', align: 'right', render: (_, r) => wan(r.investedWan) },
          { title: t('financing.col.createdAt'), key: 'createdAt', sorter: true, render: (_, r) => formatDateTime(r.createdAt as unknown as string) },
        ]}
      />
      <CreateModal<RequestValues>
        open={raising}
        title={t('financing.form.newRequest')}
        onClose={() => setRaising(false)}
        form={form}
        listKey={financingKeys.requests}
        submit={({ spaceId: space, ...body }) => financingApi.raise(space, body)}
      >
        <Form.Item name="spaceId" label={t('financing.col.space')} rules={required}>
          <Select options={spaces} />
        </Form.Item>
        <Form.Item name="incubateeId" label={t('financing.col.incubatee')} rules={required}>
          <Select showSearch optionFilterProp="label" options={(incubatees.data?.items ?? []).map((i) => ({ value: i.id, label: i.name }))} />
        </Form.Item>
        <Form.Item name="amountWan" label={t('financing.col.amount')} rules={required}>
          <InputNumber min={0.01} precision={2} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="round" label={t('financing.col.round')} rules={required}>
          <Select options={ROUNDS.map((r) => ({ value: r, label: t(`financing.rounds.${r}`) }))} />
        </Form.Item>
        <Form.Item name="field" label={t('financing.col.field')}>
          <Select allowClear options={KEY_INDUSTRIES.map((k) => ({ value: k, label: t(`spaces.industries.${k}`) }))} />
        </Form.Item>
        <Form.Item name="purpose" label={t('financing.col.purpose')} rules={required}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </CreateModal>
      <RequestDrawer id={open} onClose={() => setOpen(undefined)} />
    </>
  );
}

type InvestmentValues = { source: 'investor' | 'fund'; investorId?: string; fundId?: string; investedOn: string; amountWan: number; type: (typeof INVESTMENT_TYPES)[number] };

/** A request: its terms, the investors of its field, the investments recorded, and the form to record one. */
function RequestDrawer({ id, onClose }: { id?: string | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: [financingKeys.request, id], queryFn: () => financingApi.read(id!), enabled: !!id });
  const matches = useQuery({ queryKey: [financingKeys.matches, id], queryFn: () => financingApi.matches(id!), enabled: !!id });
  const r = query.data;
  const funds = useQuery({ queryKey: [financingKeys.funds, 'of', r?.spaceId], queryFn: () => financingApi.funds({ spaceId: r!.spaceId, pageSize: 100 }), enabled: !!r });
  const [form] = Form.useForm<InvestmentValues>();
  const errors = useFormErrors(form);
  const source = Form.useWatch('source', form);
  const withdraw = useAction(() => financingApi.withdraw(r!.id, r!.revision), refresh, () => t('financing.form.withdrawn'));
  const record = async (v: InvestmentValues) => {
    errors.clear();
    try {
      await financingApi.invest(id!, { investedOn: v.investedOn, amountWan: v.amountWan, type: v.type, ...(v.source === 'fund' ? { fundId: v.fundId } : { investorId: v.investorId }) });
      message.success(t('financing.form.recorded'));
      form.resetFields();
      await Promise.all(refresh.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
    } catch (err) {
      errors.onError(err);
    }
  };
  const required = [{ required: true, message: t('financing.form.required') }];
  return (
    <Drawer open={!!id} onClose={onClose} width={720} title={r?.incubateeName} destroyOnHidden extra={r?.state === 'open' && <Button onClick={() => withdraw.mutate(undefined)}>{t('financing.form.withdraw')}</Button>}>
      {query.isError && <QueryError error={query.error} onRetry={() => void query.refetch()} />}
      {r && (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Descriptions bordered size="small" column={2}>
            <Descriptions.Item label={t('financing.col.space')}>{r.spaceName}</Descriptions.Item>
            <Descriptions.Item label={t('financing.col.state')}>
              <Tag color={REQUEST_STATE_COLORS[r.state]}>{t(`financing.states.${r.state}`)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('financing.col.amount')}>{wan(r.amountWan)}</Descriptions.Item>
            <Descriptions.Item label={t('financing.col.round')}>{t(`financing.rounds.${r.round}`)}</Descriptions.Item>
            <Descriptions.Item label={t('financing.col.field')}>{t(`spaces.industries.${r.field}`)}</Descriptions.Item>
            <Descriptions.Item label={t('financing.col.invested')}>{wan(r.investedWan)}</Descriptions.Item>
            <Descriptions.Item label={t('financing.col.purpose')} span={2}>
              {r.purpose}
            </Descriptions.Item>
          </Descriptions>
          <Card size="small" title={t('financing.detail.matches')}>
            {matches.data && matches.data.items.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('financing.detail.noMatches')} />
            ) : (
              <Table
                rowKey="id"
                size="small"
                pagination={false}
                loading={matches.isLoading}
                dataSource={matches.data?.items}
                columns={[
                  { title: t('financing.col.name'), key: 'name', render: (_, i) => i.name },
                  { title: t('financing.col.kind'), key: 'type', render: (_, i) => t(`financing.investorTypes.${i.type}`) },
                  { title: t('financing.col.fields'), key: 'fields', render: (_, i) => i.fields.map((f) => t(`spaces.industries.${f}`)).join('、') },
                ]}
              />
            )}
          </Card>
          <Card size="small" title={t('financing.detail.investments')}>
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={r.investments}
              locale={{ emptyText: t('financing.detail.noInvestments') }}
              columns={[
                { title: t('financing.col.investedOn'), key: 'on', render: (_, i) => i.investedOn },
                { title: t('financing.col.investor'), key: 'investor', render: (_, i) => i.investorName },
                { title: t('financing.col.amount'), key: 'amount', align: 'right', render: (_, i) => wan(i.amountWan) },
                { title: t('financing.col.type'), key: 'type', render: (_, i) => t(`financing.investmentTypes.${i.type}`) },
              ]}
            />
          </Card>
          {r.state !== 'withdrawn' && (
            <Card size="small" title={t('financing.form.record')}>
              <p>{t('financing.form.recordHint')}</p>
              {errors.alert}
              <Form form={form} layout="vertical" onFinish={record} initialValues={{ source: 'investor', type: 'equity' }}>
                <Form.Item name="source" label={t('financing.form.source')}>
                  <Radio.Group
                    options={[
                      { value: 'investor', label: t('financing.form.fromInvestor') },
                      { value: 'fund', label: t('financing.form.fromFund') },
                    ]}
                  />
                </Form.Item>
                {source === 'fund' ? (
                  <Form.Item name="fundId" label={t('financing.form.fund')} rules={required}>
                    <Select options={(funds.data?.items ?? []).map((f) => ({ value: f.id, label: f.name }))} />
                  </Form.Item>
                ) : (
                  <Form.Item name="investorId" label={t('financing.col.investor')} rules={required}>
                    <Select showSearch optionFilterProp="label" options={(matches.data?.items ?? []).map((i) => ({ value: i.id, label: i.name }))} />
                  </Form.Item>
                )}
                <Space wrap>
                  <Form.Item name="investedOn" label={t('financing.col.investedOn')} rules={required} {...dateField}>
                    <DatePicker />
                  </Form.Item>
                  <Form.Item name="amountWan" label={t('financing.col.amount')} rules={required}>
                    <InputNumber min={0.01} precision={2} style={{ width: 160 }} />
                  </Form.Item>
                  <Form.Item name="type" label={t('financing.col.type')} rules={required}>
                    <Select style={{ width: 120 }} options={INVESTMENT_TYPES.map((k) => ({ value: k, label: t(`financing.investmentTypes.${k}`) }))} />
                  </Form.Item>
                </Space>
                <Button type="primary" htmlType="submit">
                  {t('financing.form.record')}
                </Button>
              </Form>
            </Card>
          )}
        </Space>
      )}
    </Drawer>
  );
}
