import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Cascader, Col, DatePicker, Form, Input, InputNumber, Radio, Row, Select, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { policiesApi } from '../../api/policies';
import { registryApi } from '../../api/registry';
import { BENEFICIARY_ROLES, isValidUscc, normaliseUscc, PAYMENT_STATES, type SupportBody, type SupportDetail, supportsApi, SUPPORTS_KEY } from '../../api/supports';
import { CreateModal } from '../../components/CreateModal';

/** The form's values: the legal basis as one cascader path, the period as one range, dates as dayjs. */
interface Values {
  basis: [string, string];
  beneficiaryRole: SupportBody['beneficiaryRole'];
  spaceId: string;
  beneficiaryUscc: string;
  beneficiaryName: string;
  projectTitle: string;
  projectCode?: string;
  period: [Dayjs, Dayjs];
  invoiceNos?: string[];
  contractNos?: string[];
  areaM2?: number | null;
  months?: number | null;
  amountYuan: number;
  grantedOn: Dayjs;
  paymentState: SupportBody['paymentState'];
}

interface Item {
  id: string;
  category: SupportBody['category'];
  title: string;
}

interface BasisOption {
  value: string;
  label: string;
  isLeaf: boolean;
  category?: SupportBody['category'];
  children?: BasisOption[];
}

const DAY = 'YYYY-MM-DD';

function valuesOf(s: SupportDetail): Partial<Values> {
  return {
    basis: s.policy && s.supportItem ? [s.policy.id, s.supportItem.id] : undefined,
    beneficiaryRole: s.beneficiary.role,
    spaceId: s.space.id,
    beneficiaryUscc: s.beneficiary.uscc,
    beneficiaryName: s.beneficiary.name,
    projectTitle: s.projectTitle,
    projectCode: s.projectCode ?? undefined,
    period: [dayjs(s.periodFrom), dayjs(s.periodTo)],
    invoiceNos: s.invoiceNos,
    contractNos: s.contractNos,
    areaM2: s.areaM2,
    months: s.months,
    amountYuan: s.amountYuan,
    grantedOn: dayjs(s.grantedOn),
    paymentState: s.paymentState,
  };
}

/**
 * The legal basis: the policies in force of the library, each opening its support items (loaded when
 * opened). The category recorded is the chosen item's, so the form never asks for it separately.
 */
function useBasisOptions(initialPolicyId: string | undefined) {
  const { t } = useTranslation();
  const policies = useQuery({ queryKey: ['support-basis-policies'], queryFn: () => policiesApi.search({ kind: 'policy', validity: 'effective', sort: 'issuedOn', order: 'desc', page: 1, pageSize: 100 }) });
  const [items, setItems] = useState<Record<string, Item[]>>({});
  const load = async (policyId: string) => {
    if (items[policyId]) return;
    const policy = await policiesApi.published(policyId);
    setItems((before) => ({ ...before, [policyId]: policy.supportItems }));
  };
  // An edited record's policy opens with its items, so the cascader shows the chosen path.
  useQuery({ queryKey: ['support-basis-items', initialPolicyId], queryFn: async () => (await load(initialPolicyId!), true), enabled: !!initialPolicyId });
  const options: BasisOption[] = (policies.data?.items ?? []).map((p) => ({
    value: p.id,
    label: p.docNo ? `${p.title}（${p.docNo}）` : p.title,
    isLeaf: false,
    children: items[p.id]?.map((i) => ({ value: i.id, label: `${i.title} · ${t(`policies.category.${i.category}`)}`, isLeaf: true, category: i.category })),
  }));
  const categoryOf = (itemId: string | undefined) => Object.values(items).flat().find((i) => i.id === itemId)?.category;
  return { options, load, categoryOf, loading: policies.isFetching };
}

/** 登记扶持 or 修改扶持草稿: one dialog for both, posting or patching under the record's revision. */
export function SupportForm({ editing, open, onClose }: { editing?: SupportDetail; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const basis = useBasisOptions(editing?.policy?.id);
  const [spaceQ, setSpaceQ] = useState('');
  const spaces = useQuery({ queryKey: ['support-spaces', spaceQ], queryFn: () => registryApi.spaces({ q: spaceQ || undefined, pageSize: 50 }), placeholderData: keepPreviousData });
  const spaceId = Form.useWatch('spaceId', form);
  const role = Form.useWatch('beneficiaryRole', form);
  const chosen = Form.useWatch('basis', form);
  const category = basis.categoryOf(chosen?.[1]) ?? (editing && chosen?.[1] === editing.supportItem?.id ? editing.category : undefined);
  const space = spaces.data?.items.find((s) => s.id === spaceId);
  // The space's operator or its only host is the beneficiary the role names: fill it in, still editable.
  const fillBeneficiary = (nextRole = role, nextSpace = space) => {
    const who = nextRole === 'operator' ? nextSpace?.operator : nextRole === 'host' && nextSpace?.hosts.length === 1 ? nextSpace.hosts[0] : undefined;
    if (who?.uscc) form.setFieldsValue({ beneficiaryUscc: who.uscc, beneficiaryName: who.name });
  };

  const submit = async (v: Values) => {
    const body: SupportBody = {
      policyId: v.basis[0],
      supportItemId: v.basis[1],
      category: category!,
      beneficiaryUscc: v.beneficiaryUscc,
      beneficiaryName: v.beneficiaryName,
      beneficiaryRole: v.beneficiaryRole,
      spaceId: v.spaceId,
      projectTitle: v.projectTitle,
      projectCode: v.projectCode?.trim() || null,
      periodFrom: v.period[0].format(DAY),
      periodTo: v.period[1].format(DAY),
      invoiceNos: v.invoiceNos ?? [],
      contractNos: v.contractNos ?? [],
      areaM2: v.areaM2 ?? null,
      months: v.months ?? null,
      amountYuan: v.amountYuan,
      grantedOn: v.grantedOn.format(DAY),
      paymentState: v.paymentState,
    };
    return editing ? supportsApi.edit(editing.id, { ...body, revision: editing.revision }) : supportsApi.record(body);
  };

  const spaceOptions = [
    ...(editing && !spaces.data?.items.some((s) => s.id === editing.space.id) ? [{ value: editing.space.id, label: editing.space.name }] : []),
    ...(spaces.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.name}（${s.regionName}）` })),
  ];
  const noTags = { open: false, suffixIcon: null, tokenSeparators: [',', '，', ' ', '、'] };

  return (
    <CreateModal<Values>
      open={open}
      title={editing ? t('supports.form.editTitle') : t('supports.form.title')}
      onClose={onClose}
      submit={submit}
      listKey={SUPPORTS_KEY}
      form={form}
      initialValues={editing ? valuesOf(editing) : { beneficiaryRole: 'operator', paymentState: 'planned' }}
    >
      <Form.Item
        name="basis"
        label={t('supports.field.basis')}
        extra={category ? <Tag data-testid="support-category">{t(`policies.category.${category}`)}</Tag> : t('supports.form.basisHint')}
        rules={[{ required: true, type: 'array', len: 2, message: t('supports.form.basisRequired') }]}
      >
        <Cascader<BasisOption>
          data-testid="support-basis"
          options={basis.options}
          loadData={(path) => void basis.load(path[0]!.value)}
          changeOnSelect={false}
          showSearch={false}
          placeholder={t('supports.form.basisPlaceholder')}
        />
      </Form.Item>
      <Form.Item name="spaceId" label={t('supports.field.space')} extra={t('supports.form.spaceHint')} rules={[{ required: true, message: t('supports.form.spaceRequired') }]}>
        <Select
          data-testid="support-space"
          showSearch={{ filterOption: false, onSearch: setSpaceQ }}
          loading={spaces.isFetching}
          options={spaceOptions}
          onChange={(id: string) => fillBeneficiary(role, spaces.data?.items.find((s) => s.id === id))}
        />
      </Form.Item>
      <Form.Item name="beneficiaryRole" label={t('supports.field.role')} rules={[{ required: true }]}>
        <Radio.Group onChange={(e) => fillBeneficiary(e.target.value as Values['beneficiaryRole'])} options={BENEFICIARY_ROLES.map((r) => ({ value: r, label: t(`supports.role.${r}`) }))} />
      </Form.Item>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item
            name="beneficiaryUscc"
            label={t('supports.field.uscc')}
            normalize={(v: string) => normaliseUscc(v)}
            rules={[
              { required: true, message: t('supports.form.usccRequired') },
              { validator: async (_, v: string | undefined) => (!v || isValidUscc(v) ? undefined : Promise.reject(new Error(t('supports.form.usccInvalid')))) },
            ]}
          >
            <Input maxLength={18} data-testid="support-uscc" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="beneficiaryName" label={t('supports.field.beneficiary')} rules={[{ required: true, min: 2, max: 200, message: t('supports.form.nameRequired') }]}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={16}>
          <Form.Item name="projectTitle" label={t('supports.field.project')} rules={[{ required: true, min: 2, max: 300, message: t('supports.form.projectRequired') }]}>
            <Input maxLength={300} data-testid="support-project" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="projectCode" label={t('supports.field.projectCode')}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="period" label={t('supports.field.period')} rules={[{ required: true, message: t('supports.form.periodRequired') }]}>
        <DatePicker.RangePicker style={{ width: '100%' }} />
      </Form.Item>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="invoiceNos" label={t('supports.field.invoices')} extra={t('supports.form.tagsHint')}>
            <Select mode="tags" {...noTags} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="contractNos" label={t('supports.field.contracts')}>
            <Select mode="tags" {...noTags} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="areaM2" label={t('supports.field.area')} dependencies={['months']} rules={[({ getFieldValue }) => ({ validator: async (_, v) => ((v == null) === (getFieldValue('months') == null) ? undefined : Promise.reject(new Error(t('supports.form.areaMonths')))) })]}>
            <InputNumber min={0.01} max={10_000_000} precision={2} addonAfter="m²" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="months" label={t('supports.field.months')}>
            <InputNumber min={1} max={600} precision={0} addonAfter={t('supports.form.monthUnit')} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={8}>
          <Form.Item name="amountYuan" label={t('supports.field.amount')} rules={[{ required: true, message: t('supports.form.amountRequired') }]}>
            <InputNumber min={0.01} max={1e11} precision={2} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="grantedOn" label={t('supports.field.grantedOn')} rules={[{ required: true, message: t('supports.form.grantedRequired') }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="paymentState" label={t('supports.field.payment')}>
            <Select options={PAYMENT_STATES.map((p) => ({ value: p, label: t(`supports.payment.${p}`) }))} />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Text type="secondary">{t('supports.form.draftNote')}</Typography.Text>
    </CreateModal>
  );
}
