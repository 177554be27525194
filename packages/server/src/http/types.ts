import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { ProblemSchema } from '@kairos/domain/common';

export type App = FastifyInstance;

export function typed(app: FastifyInstance) {
  return app.withTypeProvider<ZodTypeProvider>();
}

export const IdParams = z.object({ id: z.uuid() });
export const NoContent = z.null().describe('No content');

/** The error responses an authenticated endpoint may give, for the OpenAPI document. */
export const problems = {
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
  422: ProblemSchema,
};
