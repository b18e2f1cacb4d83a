import type { FieldError } from '../../shared/errors.ts';
import { isValidUscc } from '../../shared/validation/uscc.ts';
import type { KeyIndustry } from '../../shared/domain.ts';
import type { FounderType, IncubateeKind, IncubateeStatus } from './schema.ts';
import { beijingDay } from '../../shared/beijing-time.ts';

/** One incubatee as the API and the import take it. */
export interface IncubateeInput {
  kind: IncubateeKind;
  name: string;
  uscc?: string | null | undefined;
  entryDate: string;
  agreementFileId?: string | null | undefined;
  industry?: KeyIndustry | null | undefined;
  subField?: string | null | undefined;
  founderTypes: FounderType[];
  jobs: number;
  graduatesHired: number;
  validIp: number;
  inventionPatents: number;
  newlyRegistered: boolean;
  registeredOn?: string | null | undefined;
  /** The host incubator's own incubatee (for a space built on an incubator); left as it is when omitted. */
  hostIncubatee?: boolean | undefined;
  contactName?: string | null | undefined;
  contactMobile?: string | null | undefined;
}

/** The moves a status may make: from 入驻 to any end; an enterprise that left may later be 注销/吊销. */
export const STATUS_MOVES: Record<IncubateeStatus, readonly IncubateeStatus[]> = {
  resident: ['graduated', 'exited', 'moved', 'deregistered'],
  graduated: ['deregistered'],
  exited: ['deregistered'],
  moved: ['deregistered'],
  deregistered: [],
};

type Field = keyof IncubateeInput;

/**
 * The rules across fields the schema cannot state, as field errors (Chinese and English) keyed by
 * the input's field names: the API prefixes them with `body.`, the import names sheet, row and column.
 */
export function incubateeProblems(input: IncubateeInput, today = beijingDay()): { field: Field; zh: string; en: string }[] {
  const out: { field: Field; zh: string; en: string }[] = [];
  if (input.uscc && !isValidUscc(input.uscc)) out.push({ field: 'uscc', zh: '统一社会信用代码格式或校验位不正确', en: 'not a valid unified social credit code (format or check character)' });
  if (input.kind === 'enterprise' && !input.uscc) out.push({ field: 'uscc', zh: '企业须填写统一社会信用代码', en: 'an enterprise needs its unified social credit code' });
  if (input.entryDate > today) out.push({ field: 'entryDate', zh: '入驻日期不能晚于今天', en: 'the entry date cannot be in the future' });
  if (input.graduatesHired > input.jobs) out.push({ field: 'graduatesHired', zh: '其中应届毕业生人数不能超过吸纳就业人数', en: 'graduates hired cannot exceed jobs' });
  if (input.inventionPatents > input.validIp) out.push({ field: 'inventionPatents', zh: '其中发明专利数不能超过有效知识产权数', en: 'invention patents cannot exceed valid IP' });
  if (input.newlyRegistered && !input.registeredOn) out.push({ field: 'registeredOn', zh: '新注册企业须填写注册日期', en: 'a newly registered enterprise needs its registration date' });
  if (input.newlyRegistered && input.kind !== 'enterprise') out.push({ field: 'newlyRegistered', zh: '只有企业可以标记为新注册企业', en: 'only an enterprise can be newly registered' });
  if (input.registeredOn && input.registeredOn > today) out.push({ field: 'registeredOn', zh: '注册日期不能晚于今天', en: 'the registration date cannot be in the future' });
  return out;
}

export const asFieldErrors = (problems: ReturnType<typeof incubateeProblems>): FieldError[] =>
  problems.map((p) => ({ field: `body.${p.field}`, message: p.zh, messageEn: p.en }));
