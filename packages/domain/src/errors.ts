import type { Locale, Localized } from './locale';

/**
 * The one catalogue of error codes. Services throw `AppError(code)`; the server turns the code into an
 * HTTP status and a problem+json body in the caller's language. Codes are stable API: never rename one.
 */
export const ERRORS = {
  validation_failed: { status: 422, zh: '提交的内容有误，请检查标出的字段。', en: 'Some fields are invalid. Please check the highlighted fields.' },
  bad_request: { status: 400, zh: '请求格式不正确。', en: 'The request is malformed.' },
  unsupported_media_type: { status: 415, zh: '不支持的内容类型，请使用 application/json。', en: 'Unsupported content type; send application/json.' },
  payload_too_large: { status: 413, zh: '请求内容过大。', en: 'The request body is too large.' },
  unauthenticated: { status: 401, zh: '请先登录。', en: 'Please sign in first.' },
  invalid_credentials: { status: 401, zh: '邮箱或密码不正确。', en: 'The e-mail or password is incorrect.' },
  sign_in_locked: { status: 429, zh: '登录失败次数过多，请在 {minutes} 分钟后重试。', en: 'Too many failed sign-in attempts. Try again in {minutes} minute(s).' },
  account_deactivated: { status: 403, zh: '该账号已停用，请联系管理员。', en: 'This account has been deactivated. Please contact your administrator.' },
  token_invalid: { status: 401, zh: 'API 令牌无效、已过期或已被撤销。', en: 'The API token is invalid, expired or revoked.' },
  csrf_failed: { status: 403, zh: '请求来源校验失败，请刷新页面后重试。', en: 'The request could not be verified. Refresh the page and try again.' },
  forbidden: { status: 403, zh: '您没有执行此操作的权限。', en: 'You do not have permission to do this.' },
  not_found: { status: 404, zh: '记录不存在或您无权查看。', en: 'The record does not exist or you may not see it.' },
  route_not_found: { status: 404, zh: '接口不存在。', en: 'No such endpoint.' },
  version_conflict: { status: 409, zh: '该记录已被他人修改，请查看最新内容后重试。', en: 'Someone else changed this record. Review the latest version and try again.' },
  setup_already_done: { status: 409, zh: '系统已初始化，不能再次设置。', en: 'Kairos is already set up.' },
  email_taken: { status: 409, zh: '该邮箱已被使用。', en: 'This e-mail address is already in use.' },
  wrong_password: { status: 422, zh: '当前密码不正确。', en: 'The current password is incorrect.' },
  invitation_invalid: { status: 410, zh: '邀请链接无效、已过期或已被使用。', en: 'This invitation link is invalid, expired or already used.' },
  department_cycle: { status: 422, zh: '不能把部门移动到它自己或它的下级部门之下。', en: 'A department cannot be moved under itself or one of its sub-departments.' },
  department_not_empty: { status: 409, zh: '该部门下还有成员或子部门，请先移走。', en: 'This department still has members or sub-departments; move them first.' },
  last_admin: { status: 409, zh: '工作区至少需要保留一名启用的管理员。', en: 'The workspace needs at least one active administrator.' },
  cannot_deactivate_self: { status: 409, zh: '不能停用自己的账号。', en: 'You cannot deactivate your own account.' },
  duplicate_customer: { status: 409, zh: '该客户已存在，不能重复创建。请联系负责人协作。', en: 'This customer already exists and cannot be created twice. Ask its owner to work together.' },
  duplicate_contact: { status: 409, zh: '手机号或邮箱与已有联系人重复，不能重复创建。', en: 'A contact with this mobile or e-mail already exists.' },
  duplicate_warning: { status: 409, zh: '发现疑似重复的客户，请确认后再保存。', en: 'This looks like an existing customer. Please confirm before saving.' },
  file_too_large: { status: 413, zh: '文件过大，最大 {mb} MB。', en: 'The file is too large; the limit is {mb} MB.' },
  merged_record: { status: 409, zh: '该客户已合并到另一个客户，请在合并后的客户中查看。', en: 'This customer was merged into another one; find it there.' },
  not_restorable: { status: 409, zh: '该记录已超过回收站保留期，无法恢复。', en: 'This record has been in the recycle bin too long to be restored.' },
  idempotency_key_reused: { status: 422, zh: '该幂等键已用于另一个不同的请求。', en: 'This Idempotency-Key was already used for a different request.' },
  cursor_invalid: { status: 400, zh: '分页游标无效，请从第一页重新加载。', en: 'The page cursor is invalid; reload from the first page.' },
  already_asked: { status: 429, zh: '您今天已经询问过该客户的负责人，请等待对方回复。', en: 'You already asked this customer\'s owner today; please wait for their reply.' },
  stage_gate_failed: { status: 422, zh: '商机还不能进入该阶段，请先完成下列事项。', en: 'The deal cannot enter this stage yet; complete the items listed.' },
  wrong_pipeline: { status: 422, zh: '该商机不在这个销售流程中。', en: 'This deal is in another pipeline.' },
  rate_limited: { status: 429, zh: '请求过于频繁，请稍后再试。', en: 'Too many requests; please try again later.' },
  internal: { status: 500, zh: '服务器内部错误，请稍后重试。', en: 'Something went wrong on our side. Please try again.' },
  unavailable: { status: 503, zh: '服务暂时不可用。', en: 'The service is temporarily unavailable.' },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ErrorCode = keyof typeof ERRORS;

/** One failing field of a validation error: `path` is the dotted location in the request body or query. */
export interface FieldError {
  path: string;
  code: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly params: Record<string, string | number>;
  readonly fields: FieldError[];
  readonly extra: Record<string, unknown>;
  constructor(
    code: ErrorCode,
    options: { params?: Record<string, string | number>; fields?: FieldError[]; extra?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(code, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.params = options.params ?? {};
    this.fields = options.fields ?? [];
    this.extra = options.extra ?? {};
  }
  get status(): number {
    return ERRORS[this.code].status;
  }
}

export function errorMessage(code: ErrorCode, locale: Locale, params: Record<string, string | number> = {}): string {
  const entry = ERRORS[code];
  const template = locale === 'en' ? entry.en : entry.zh;
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(params[key] ?? `{${key}}`));
}

export function localize(text: Localized, locale: Locale): string {
  return text[locale];
}
