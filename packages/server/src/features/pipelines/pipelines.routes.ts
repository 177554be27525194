import { z } from 'zod';
import { PipelineDefinitionSchema, PipelineExportSchema, PipelineSchema, UpdatePipelineSchema } from '@kairos/domain/pipelines';
import type { Core } from '../../core';
import { contextOf } from '../../http/auth';
import { IdParams, problems, typed, type App } from '../../http/types';
import { PipelineVersionPageSchema, PipelineVersionsQuery, RestorePipelineSchema } from '@kairos/domain/pipeline-versions';
import { listPipelineVersions, restorePipelineVersion } from './pipeline-versions';
import { createPipeline, exportPipeline, getPipelineFor, importPipeline, listPipelinesFor, updatePipeline } from './pipelines.service';

export function registerPipelineRoutes(app: App, core: Core) {
  const r = typed(app);
  const tags = ['pipelines'];
  const one = { 200: PipelineSchema, ...problems };
  r.get(
    '/api/pipelines',
    { schema: { tags, summary: 'The pipelines with their stages in board order, default first, with every stage’s rules (guidance, gate, tasks, limits)', response: { 200: z.object({ items: z.array(PipelineSchema) }), ...problems } } },
    async (request) => listPipelinesFor(core, contextOf(request)),
  );
  r.get('/api/pipelines/:id', { schema: { tags, summary: 'One pipeline', params: IdParams, response: one } }, async (request) => getPipelineFor(core, contextOf(request), request.params.id));
  r.post(
    '/api/pipelines',
    { schema: { tags, summary: 'Create a pipeline (e.g. renewals) from a whole definition; needs pipelines.manage', body: PipelineDefinitionSchema, response: { 201: PipelineSchema, ...problems } } },
    async (request, reply) => reply.code(201).send(await createPipeline(core, contextOf(request), request.body)),
  );
  r.put(
    '/api/pipelines/:id',
    {
      schema: {
        tags,
        summary:
          'Save a pipeline’s whole definition (needs its version). Stages keep their deals by keeping their id; a stage with live deals cannot be removed or change its outcome; every version is kept in the audit log',
        params: IdParams,
        body: UpdatePipelineSchema,
        response: one,
      },
    },
    async (request) => updatePipeline(core, contextOf(request), request.params.id, request.body.version, request.body.definition),
  );
  r.get('/api/pipelines/:id/export', { schema: { tags, summary: 'The pipeline’s whole definition as one JSON document, to review, copy or roll back', params: IdParams, response: { 200: PipelineExportSchema, ...problems } } }, async (request, reply) => {
    const document = await exportPipeline(core, contextOf(request), request.params.id);
    void reply.header('Content-Disposition', `attachment; filename="pipeline-${request.params.id}.json"`);
    return document;
  });
  r.post(
    '/api/pipelines/import',
    { schema: { tags, summary: 'Create a pipeline from an exported document (roles this workspace lacks are dropped from the rules)', body: PipelineExportSchema.pick({ definition: true }).extend({ kind: z.literal('kairos.pipeline') }).loose(), response: { 201: PipelineSchema, ...problems } } },
    async (request, reply) => reply.code(201).send(await importPipeline(core, contextOf(request), request.body.definition)),
  );
  r.get(
    '/api/pipelines/:id/versions',
    {
      schema: {
        tags,
        summary: 'The pipeline’s saved versions, newest first: who, when, the whole definition and what changed; needs pipelines.manage',
        params: IdParams,
        querystring: PipelineVersionsQuery,
        response: { 200: PipelineVersionPageSchema, ...problems },
      },
    },
    async (request) => listPipelineVersions(core, contextOf(request), request.params.id, request.query),
  );
  r.post(
    '/api/pipelines/:id/restore',
    {
      schema: {
        tags,
        summary: 'Put an earlier version back as a new version (needs the current version); stages with live deals cannot disappear, stages removed since come back empty',
        params: IdParams,
        body: RestorePipelineSchema,
        response: one,
      },
    },
    async (request) => restorePipelineVersion(core, contextOf(request), request.params.id, request.body.versionId, request.body.version),
  );
}
