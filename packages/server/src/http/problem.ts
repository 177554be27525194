import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from '@fastify/type-provider-zod';
import { en as zodEn, zhCN as zodZh } from 'zod/locales';
import { AppError, ERRORS, errorMessage, type ErrorCode, type FieldError } from '@kairos/domain/errors';
import type { Locale } from '@kairos/domain/locale';
import { requestLocale } from './locale';

const zodLocales = { 'zh-CN': zodZh(), en: zodEn() } as const;

/** Field errors from our own codes (refinements, reference checks) in both languages. */
const FIELD_MESSAGES: Record<string, Record<Locale, string>> = {
  required: { 'zh-CN': '必填', en: 'Required' },
  empty: { 'zh-CN': '不能为空', en: 'Must not be empty' },
  unknown_department: { 'zh-CN': '部门不存在', en: 'No such department' },
  unknown_user: { 'zh-CN': '用户不存在', en: 'No such user' },
  unknown_role: { 'zh-CN': '角色不存在', en: 'No such role' },
  manager_cycle: { 'zh-CN': '上级关系不能形成循环', en: 'A manager chain cannot loop back to this user' },
  cycle: { 'zh-CN': '不能移动到自身或下级部门之下', en: 'Cannot move under itself or a sub-department' },
  taken: { 'zh-CN': '该邮箱已被使用', en: 'This e-mail address is already in use' },
  wrong_password: { 'zh-CN': '当前密码不正确', en: 'The current password is incorrect' },
  uscc: { 'zh-CN': '统一社会信用代码无效（18 位，校验位不符）', en: 'Invalid unified social credit code (18 characters with a check character)' },
  phone: { 'zh-CN': '电话号码无效', en: 'Invalid phone number' },
  mobile: { 'zh-CN': '手机号无效（中国大陆手机号 11 位，其他国家请加 + 和国家码）', en: 'Invalid mobile number (11 digits in mainland China; + and country code elsewhere)' },
  website: { 'zh-CN': '网址无效', en: 'Invalid website' },
  unknown_owner: { 'zh-CN': '负责人不存在或已停用', en: 'No such active member' },
  followup_too_short: { 'zh-CN': '请至少写 10 个字，说明沟通了什么', en: 'Write at least 10 characters about what happened' },
  followup_next_step_required: { 'zh-CN': '请填写下一步计划', en: 'Say what happens next' },
  followup_next_date_required: { 'zh-CN': '请选择下次跟进日期', en: 'Pick the next follow-up date' },
  in_future: { 'zh-CN': '时间不能晚于现在', en: 'Cannot be in the future' },
  nul: { 'zh-CN': '不能包含空字符', en: 'Must not contain NUL characters' },
  unknown_contact: { 'zh-CN': '联系人不存在或不属于该客户', en: 'No such contact of this customer' },
  unknown_pipeline: { 'zh-CN': '销售流程不存在', en: 'No such pipeline' },
  unknown_stage: { 'zh-CN': '该流程中没有这个阶段', en: 'No such stage in this pipeline' },
  already_owner: { 'zh-CN': '负责人已在团队中', en: 'The owner is on the deal already' },
  file_type: { 'zh-CN': '不支持该文件类型（允许 PDF、图片、Word/Excel/PowerPoint、TXT、CSV）', en: 'This file type is not allowed (PDF, images, Word/Excel/PowerPoint, TXT, CSV are)' },
  file_content: { 'zh-CN': '文件内容与扩展名不符', en: 'The file content does not match its extension' },
  file_name: { 'zh-CN': '文件名不能包含斜杠', en: 'File names cannot contain slashes' },
  unknown_category: { 'zh-CN': '没有这个文件分类', en: 'No such file category' },
  same_record: { 'zh-CN': '不能与自身合并', en: 'Cannot merge a record into itself' },
  unknown_field: { 'zh-CN': '没有这个字段', en: 'No such field' },
  option: { 'zh-CN': '不是可选的选项', en: 'Not one of the options' },
  invalid_value: { 'zh-CN': '格式不正确', en: 'Invalid value' },
  too_big: { 'zh-CN': '超出允许的长度或范围', en: 'Too long or too large' },
  key_taken: { 'zh-CN': '该字段标识已被使用', en: 'This field key is already in use' },
  options_required: { 'zh-CN': '选择类字段至少需要一个选项', en: 'A choice field needs at least one option' },
  options_unique: { 'zh-CN': '选项值不能重复', en: 'Option values must differ' },
  surrogate: { 'zh-CN': '包含无效字符', en: 'Contains an invalid character' },
  read_only: { 'zh-CN': '您无权修改此字段', en: 'You may not change this field' },
  hidden_field: { 'zh-CN': '此字段对您不可见，不能用于筛选或排序', en: 'This field is hidden from you and cannot be used to filter or sort' },
  not_attachable: { 'zh-CN': '只能附加自己上传到该记录、且未附加到其他跟进的文件', en: 'Only your own files on this record, not attached to another follow-up, can be attached' },
  expired: { 'zh-CN': '查重结果已过期，请重新查重后再询问', en: 'The duplicate check has expired; run it again before asking' },
  owner_cannot_see: { 'zh-CN': '新负责人看不到该联系人所属的客户，请转移客户', en: "The new owner cannot see this contact's customer; transfer the customer instead" },
  own_record: { 'zh-CN': '这是您自己负责的客户', en: 'You own this customer' },
};

interface ValidationIssue {
  keyword: string;
  instancePath: string;
  message?: string;
  params?: Record<string, unknown>;
}

function localizeIssue(issue: ValidationIssue, context: string | undefined, locale: Locale): FieldError {
  const path = issue.instancePath.replace(/^\//, '').split('/').filter(Boolean).join('.');
  const reason = typeof issue.params?.params === 'object' && issue.params.params ? (issue.params.params as { reason?: string }).reason : undefined;
  const missing = issue.keyword === 'invalid_type' && /received undefined$/.test(issue.message ?? '');
  const empty = issue.keyword === 'too_small' && issue.params?.origin === 'string' && issue.params.minimum === 1;
  const code = missing ? 'required' : empty ? 'empty' : (reason ?? issue.keyword);
  let message = FIELD_MESSAGES[code]?.[locale];
  if (!message) {
    const raw = { code: issue.keyword, ...(issue.params ?? {}), path: [], message: issue.message ?? '' };
    const localized = zodLocales[locale].localeError(raw as never);
    message = (typeof localized === 'string' ? localized : localized?.message) ?? issue.message ?? issue.keyword;
    // Finalised issues no longer carry the input, so drop the "received undefined" tail zod would add.
    message = message.replace(/[,，]\s*(received|实际接收)\s*undefined$/, '');
  }
  const prefix = context && context !== 'body' ? `${context}.` : '';
  return { path: `${prefix}${path}` || context || '', code, message };
}

function localizeField(field: FieldError, locale: Locale): FieldError {
  const message = FIELD_MESSAGES[field.code]?.[locale] ?? field.message;
  return { ...field, message };
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, code: ErrorCode, extra: { params?: Record<string, string | number>; fields?: FieldError[]; body?: Record<string, unknown> } = {}) {
  const locale = requestLocale(request);
  const status = ERRORS[code].status;
  const message = errorMessage(code, locale, extra.params);
  return reply
    .code(status)
    .type('application/problem+json')
    .send({
      type: `https://kairos.dev/problems/${code.replace(/_/g, '-')}`,
      title: message,
      status,
      code,
      detail: message,
      instance: request.url.split('?')[0],
      requestId: request.id,
      ...(extra.fields?.length ? { fields: extra.fields } : {}),
      ...(extra.body ?? {}),
    });
}

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'bad_request',
  FST_ERR_CTP_INVALID_JSON_BODY: 'bad_request',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
  FST_ERR_BAD_URL: 'bad_request',
  FST_ERR_ASYNC_CONSTRAINT: 'bad_request',
  FST_ERR_RATE_LIMIT: 'rate_limited',
};

/** One place turns every error into problem+json. Anything unexpected is logged and becomes a generic 500. */
export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const locale = requestLocale(request);
    if (error instanceof AppError) {
      const retryAfter = error.extra.retryAfter;
      if (typeof retryAfter === 'number') reply.header('Retry-After', String(retryAfter));
      const { retryAfter: _omit, ...body } = error.extra;
      return sendProblem(reply, request, error.code, { params: error.params, fields: error.fields.map((f) => localizeField(f, locale)), body });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const fields = (error.validation as unknown as ValidationIssue[]).map((issue) => localizeIssue(issue, error.validationContext, locale));
      return sendProblem(reply, request, 'validation_failed', { fields });
    }
    const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (mapped) return sendProblem(reply, request, mapped);
    if (error instanceof SyntaxError || (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500)) {
      request.log.info({ err: error }, 'rejected request');
      return sendProblem(reply, request, error.statusCode === 413 ? 'payload_too_large' : error.statusCode === 415 ? 'unsupported_media_type' : 'bad_request');
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, request, 'internal');
  });
}
