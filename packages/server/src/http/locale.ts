import type { FastifyRequest } from 'fastify';
import { pickLocale, type Locale } from '@kairos/domain/locale';

/** The caller's language: the UI sends Accept-Language with its current choice; else the member's setting. */
export function requestLocale(request: FastifyRequest): Locale {
  const header = request.headers['accept-language'];
  const preferred = request.auth?.locale ?? 'zh-CN';
  return pickLocale(typeof header === 'string' ? header : undefined, preferred);
}
