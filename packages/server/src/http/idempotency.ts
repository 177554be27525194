import type { FastifyRequest } from 'fastify';
import { AppError } from '@kairos/domain/errors';
import type { Idempotency } from '../features/idempotency/idempotency.service';

/** The request's Idempotency-Key, if it sent one, with what identifies the request. */
export function idempotencyOf(request: FastifyRequest): Idempotency | null {
  const key = request.headers['idempotency-key'];
  if (key === undefined) return null;
  if (typeof key !== 'string' || !/^[\w.:-]{8,100}$/.test(key)) {
    throw new AppError('validation_failed', { fields: [{ path: 'Idempotency-Key', code: 'invalid_format', message: '8–100 letters, digits, . : _ -' }] });
  }
  return { key, request: { method: request.method, route: request.routeOptions.url, body: request.body } };
}
