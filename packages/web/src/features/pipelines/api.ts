import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { PipelineVersionPageSchema } from '@kairos/domain/pipeline-versions';
import { PipelineExportSchema, PipelineSchema, type Pipeline } from '@kairos/domain/pipelines';
import { request } from '../../lib/api';
import type { definitionOf } from './model';

/**
 * Saving pipelines (members with pipelines.manage). The pipelines themselves are read through
 * `usePipelines` (key ['pipelines']), which every deal screen uses; each change here refreshes that key.
 */
export const pipelinesKey = ['pipelines'] as const;
const pipelinePath = (id: string) => `/api/pipelines/${encodeURIComponent(id)}`;
type DefinitionBody = ReturnType<typeof definitionOf>;

/** An export document as it is uploaded: checked loosely here, the server checks it fully. */
export const ImportDocumentSchema = z.object({ kind: z.literal('kairos.pipeline'), definition: z.object({}).loose() }).loose();

function useRefreshPipelines() {
  const queryClient = useQueryClient();
  return (pipeline: Pipeline) => {
    queryClient.setQueryData<{ items: Pipeline[] }>(pipelinesKey, (old) =>
      old ? { items: old.items.some((p) => p.id === pipeline.id) ? old.items.map((p) => (p.id === pipeline.id ? pipeline : p)) : [...old.items, pipeline] } : old,
    );
    void queryClient.invalidateQueries({ queryKey: pipelinesKey });
  };
}

/** Saves a whole definition; `version` must be the one it was edited from (stale → 409 with `current`). */
export function useSavePipeline() {
  const refresh = useRefreshPipelines();
  return useMutation({
    mutationFn: ({ id, version, definition }: { id: string; version: number; definition: DefinitionBody }) =>
      request(pipelinePath(id), { method: 'PUT', body: { version, definition }, schema: PipelineSchema }),
    onSuccess: refresh,
  });
}

export function useCreatePipeline() {
  const refresh = useRefreshPipelines();
  return useMutation({
    mutationFn: (definition: DefinitionBody) => request('/api/pipelines', { method: 'POST', body: definition, schema: PipelineSchema }),
    onSuccess: refresh,
  });
}

export function useImportPipeline() {
  const refresh = useRefreshPipelines();
  return useMutation({
    mutationFn: (document: unknown) => request('/api/pipelines/import', { method: 'POST', body: document, schema: PipelineSchema }),
    onSuccess: refresh,
  });
}

export function exportPipeline(id: string) {
  return request(`${pipelinePath(id)}/export`, { schema: PipelineExportSchema });
}

/** A pipeline's saved versions, newest first, 20 at a time; `enabled` while the history is open. */
export function usePipelineVersions(id: string, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: [...pipelinesKey, id, 'versions'],
    queryFn: ({ pageParam, signal }) => request(`${pipelinePath(id)}/versions`, { query: { cursor: pageParam, limit: 20 }, schema: PipelineVersionPageSchema, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

/** Puts an earlier version back as a new version (stale `version` → 409; a stage with deals left out → 422). */
export function useRestorePipeline() {
  const refresh = useRefreshPipelines();
  return useMutation({
    mutationFn: ({ id, versionId, version }: { id: string; versionId: string; version: number }) =>
      request(`${pipelinePath(id)}/restore`, { method: 'POST', body: { versionId, version }, schema: PipelineSchema }),
    onSuccess: refresh,
  });
}
