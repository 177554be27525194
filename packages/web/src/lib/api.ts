import type { z } from 'zod';
import { ProblemSchema, type Problem } from '@kairos/domain/common';
import type { ErrorCode } from '@kairos/domain/errors';

/**
 * The one way the UI talks to the server. Every call sends the UI language (server messages come back
 * localised), the session cookie, and on writes the CSRF token; every JSON answer is parsed with the
 * domain schema the endpoint promises, so a contract drift fails loudly here rather than deep in a page.
 */

/** An error answer from the API, carrying its problem+json body. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  /** The whole decoded body, for extras such as `current` on a version conflict. */
  readonly body: unknown;
  constructor(status: number, problem: Problem, body: unknown) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
    this.body = body;
  }
  get code(): string {
    return this.problem.code;
  }
  is(code: ErrorCode): boolean {
    return this.problem.code === code;
  }
}

/** The server could not be reached, or answered something that is not our API. */
export class NetworkError extends Error {
  constructor(cause?: unknown) {
    super('network', { cause });
    this.name = 'NetworkError';
  }
}

let csrfToken: string | null = null;

/** Remembers the CSRF token of the signed-in session (from the Me object). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

function readCookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

/**
 * The headers every API call sends: JSON accepted, the UI language, and on writes the CSRF token. The
 * cookie is the freshest source of the token (the server may rotate it); the Me object covers the first write.
 */
export function apiHeaders(method: string): Record<string, string> {
  // i18n keeps <html lang> on the UI language; reading it here keeps this module free of UI imports.
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': document.documentElement.lang || 'zh-CN' };
  if (method !== 'GET') {
    const token = readCookie('kairos_csrf') ?? csrfToken;
    if (token) headers['X-CSRF-Token'] = token;
  }
  return headers;
}

type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions<S extends z.ZodType | undefined> {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Query;
  /** Parses the JSON answer; leave out for endpoints that answer 204. */
  schema?: S;
  signal?: AbortSignal;
  /** Extra request headers, e.g. `Idempotency-Key` on creates. */
  headers?: Record<string, string>;
  /** Raw bytes sent as-is (`application/octet-stream`) instead of a JSON body, e.g. a file upload. */
  rawBody?: Blob;
}

/**
 * A fresh random key for `Idempotency-Key`. `crypto.randomUUID` exists only in secure contexts, and a
 * self-hosted install is often plain HTTP on the LAN, so the UUID is built from getRandomValues there.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function' && window.isSecureContext) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

function fallbackProblem(status: number, statusText: string): Problem {
  return { type: 'about:blank', title: statusText || `HTTP ${status}`, status, code: status >= 500 ? 'internal' : 'bad_request' };
}

export async function request<S extends z.ZodType | undefined = undefined>(
  path: string,
  options: RequestOptions<S> = {},
): Promise<S extends z.ZodType ? z.infer<S> : void> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { ...options.headers, ...apiHeaders(method) };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  else if (options.rawBody !== undefined) headers['Content-Type'] = 'application/octet-stream';

  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? options.rawBody : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new NetworkError(error);
  }

  const text = await response.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch (error) {
      if (!response.ok) throw new ApiError(response.status, fallbackProblem(response.status, response.statusText), text);
      throw new NetworkError(error);
    }
  }

  if (!response.ok) {
    const parsed = ProblemSchema.safeParse(data);
    throw new ApiError(response.status, parsed.success ? parsed.data : fallbackProblem(response.status, response.statusText), data);
  }
  if (!options.schema) return undefined as S extends z.ZodType ? z.infer<S> : void;
  const parsed = options.schema.safeParse(data);
  if (!parsed.success) {
    console.error(`Unexpected response from ${method} ${path}`, parsed.error.issues);
    throw new NetworkError(parsed.error);
  }
  return parsed.data as S extends z.ZodType ? z.infer<S> : void;
}
