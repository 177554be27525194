import { z } from 'zod';
import { PipelineSchema } from '@kairos/domain/pipelines';
import type { Core } from '../../core';
import { contextOf } from '../../http/auth';
import { problems, typed, type App } from '../../http/types';
import { listPipelinesFor } from './pipelines.service';

export function registerPipelineRoutes(app: App, core: Core) {
  typed(app).get(
    '/api/pipelines',
    { schema: { tags: ['pipelines'], summary: 'The pipelines with their stages in board order, default first', response: { 200: z.object({ items: z.array(PipelineSchema) }), ...problems } } },
    async (request) => listPipelinesFor(core, contextOf(request)),
  );
}
