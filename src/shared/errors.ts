/**
 * The one error type. Each code has one HTTP status and a bilingual default message; services throw
 * `new AppError('CODE', {zh, en}?)` and the error handler (src/http/error-handler.ts) renders
 * `{ error: { code, message, messageEn, fields?, requestId } }`.
 */
export const ERROR_CODES = {
  VALIDATION_FAILED: { status: 400, zh: '提交的数据不符合要求', en: 'The request is invalid' },
  BAD_REQUEST: { status: 400, zh: '请求无效', en: 'Bad request' },
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Please sign in' },
  INVALID_CREDENTIALS: { status: 401, zh: '用户名或密码错误（连续多次输错将暂时锁定账号）', en: 'Wrong username or password (repeated failures lock the account for a while)' },
  SESSION_EXPIRED: { status: 401, zh: '登录已过期，请重新登录', en: 'Your session has expired; please sign in again' },
  MFA_REQUIRED: { status: 401, zh: '请输入动态验证码', en: 'Enter your one-time code' },
  MFA_INVALID: { status: 401, zh: '动态验证码错误或已使用', en: 'The one-time code is wrong or already used' },
  ACCOUNT_LOCKED: { status: 423, zh: '登录失败次数过多，账号已暂时锁定', en: 'Too many failed sign-ins; the account is locked for now' },
  ACCOUNT_DISABLED: { status: 403, zh: '账号已停用', en: 'This account is disabled' },
  PASSWORD_CHANGE_REQUIRED: { status: 403, zh: '请先修改初始密码', en: 'Change your initial password first' },
  MFA_ENROLMENT_REQUIRED: { status: 403, zh: '请先绑定动态验证码（双因素认证）', en: 'Enrol a one-time-code authenticator first' },
  PASSWORD_WEAK: { status: 400, zh: '密码不符合安全要求', en: 'The password does not meet the requirements' },
  CSRF_FAILED: { status: 403, zh: '请求校验失败，请刷新页面后重试', en: 'Request check failed; reload the page and try again' },
  FORBIDDEN: { status: 403, zh: '没有执行此操作的权限', en: 'You may not do this' },
  NOT_FOUND: { status: 404, zh: '未找到', en: 'Not found' },
  CONFLICT: { status: 409, zh: '当前状态下不能执行此操作', en: 'This cannot be done in the current state' },
  /** An optimistic lock failed: the record was saved elsewhere since the client read it (details.currentRevision). */
  STALE_REVISION: { status: 409, zh: '数据已被他人修改，请刷新后重试', en: 'Someone else changed this; reload and try again' },
  /** The transition table has no such move from the record's current state. */
  STATE_CONFLICT: { status: 409, zh: '当前状态下不能执行此操作', en: 'Not possible in the current state' },
  /** A concurrent decision moved the submission on (another stage or state) while this one was being made. */
  MOVED_ON: { status: 409, zh: '该事项已由他人处理或已进入其他环节，本次操作未执行，请刷新后查看', en: 'Handled by someone else or moved on; nothing was changed. Reload' },
  /** The record is frozen in its state (submitted, published, released): it can no longer be edited. */
  /** An action on "all matching" found another number of them than the user confirmed. */
  COUNT_CHANGED: { status: 409, zh: '符合条件的数量已发生变化，本次操作未执行，请刷新后重新确认', en: 'The number of matching items has changed; nothing was done. Reload and confirm again' },
  NOT_EDITABLE: { status: 409, zh: '当前状态下不能修改', en: 'It can no longer be changed' },
  /** An expert must stand aside for this application (回避): the reasons are in details. */
  CONFLICT_OF_INTEREST: { status: 409, zh: '存在利益冲突，须回避', en: 'A conflict of interest: the expert must stand aside' },
  /** The time window for the action is closed or not open (a call not published, a notice period over). */
  WINDOW_CLOSED: { status: 409, zh: '办理期限未开始或已结束', en: 'Outside the period for this' },
  DUPLICATE: { status: 409, zh: '已存在相同的记录', en: 'A record like this already exists' },
  ADMIN_POWERS_SEPARATED: { status: 409, zh: '系统管理员、安全管理员、审计管理员三种权限不能由同一账号兼任', en: 'System, security and audit administrator powers cannot be held by one account' },
  APPLICATION_NOT_OPEN: { status: 409, zh: '申报尚未开始', en: 'The call is not open yet' },
  APPLICATION_DEADLINE_PASSED: { status: 409, zh: '申报已截止', en: 'The deadline has passed' },
  APPLICATION_INCOMPLETE: { status: 422, zh: '申报材料不完整', en: 'The application is incomplete' },
  CREDIT_BANNED: { status: 403, zh: '存在不良科技信用记录，限制申报期内不能提交申请', en: 'A credit ban is in force; applications cannot be submitted' },
  MULTIPART_INVALID: { status: 400, zh: '上传的表单数据（multipart/form-data）格式错误', en: 'The multipart/form-data body is malformed' },
  TOO_MANY_PARTS: { status: 413, zh: '表单包含的字段或文件过多', en: 'The form has too many fields or files' },
  FILE_TOO_LARGE: { status: 413, zh: '文件超过大小限制', en: 'The file is too large' },
  REQUEST_TOO_LARGE: { status: 413, zh: '请求内容超过大小限制', en: 'The request body is too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, zh: '不支持的请求内容类型（应为 application/json）', en: 'Unsupported content type (send application/json)' },
  FILE_TYPE_REFUSED: { status: 415, zh: '不支持的文件类型（仅限 PDF、JPG、PNG、DOCX、XLSX、ZIP）', en: 'File type not accepted (PDF, JPG, PNG, DOCX, XLSX, ZIP only)' },
  RATE_LIMITED: { status: 429, zh: '操作过于频繁，请稍后再试', en: 'Too many requests; try again later' },
  AUDIT_CHAIN_BROKEN: { status: 500, zh: '审计日志链未达到链外检查点（尾部可能被删除），已停止封存', en: 'The audit chain does not reach its checkpoint (its tail may have been deleted); sealing stopped' },
  INTERNAL: { status: 500, zh: '系统内部错误，请联系管理员', en: 'Internal error; contact the administrator' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface FieldError {
  /** Dotted path of the offending field, e.g. `body.contacts.0.mobile`. */
  field: string;
  message: string;
  messageEn: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly messageEn: string;
  readonly fields: FieldError[] | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: ErrorCode,
    opts: { zh?: string; en?: string; fields?: FieldError[]; details?: Record<string, unknown> } = {},
  ) {
    const def = ERROR_CODES[code];
    super(opts.zh ?? def.zh);
    this.name = 'AppError';
    this.code = code;
    this.status = def.status;
    this.messageEn = opts.en ?? def.en;
    this.fields = opts.fields;
    this.details = opts.details;
  }
}

export const notFound = (what?: { zh: string; en: string }) => new AppError('NOT_FOUND', what ?? {});

/** A single-field validation error raised by a service (e.g. a cross-field check). */
/** One 400 naming every field a check found wrong (the first carries the message's lead). */
export function fieldErrors(problems: readonly FieldError[]): AppError {
  return new AppError('VALIDATION_FAILED', {
    zh: problems.map((p) => `${p.field}：${p.message}`).join('；'),
    en: problems.map((p) => `${p.field}: ${p.messageEn}`).join('; '),
    fields: [...problems],
  });
}

export function fieldError(field: string, zh: string, en: string): AppError {
  return new AppError('VALIDATION_FAILED', {
    zh: `${field}：${zh}`,
    en: `${field}: ${en}`,
    fields: [{ field, message: zh, messageEn: en }],
  });
}
