import { z } from 'zod';
import { FileListQuerySchema, FileSchema, UploadFileQuerySchema } from '@kairos/domain/files';
import type { Core } from '../../core';
import { contextOf } from '../../http/auth';
import { IdParams, NoContent, problems, typed, type App } from '../../http/types';
import { deleteFile, listFiles, readFileContent, uploadFile } from './files.service';

/**
 * Files travel as raw request bodies (any content type; the server sniffs what they really are), so the
 * upload route gets its own body parser and size limit in an encapsulated scope.
 */
export function registerFileRoutes(app: App, core: Core) {
  void app.register(async (scope) => {
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: core.config.fileMaxBytes + 1 }, (_request, body, done) => done(null, body));
    const r = typed(scope as unknown as App);
    const tags = ['files'];
    r.post(
      '/api/files',
      {
        bodyLimit: core.config.fileMaxBytes + 1,
        schema: { tags, summary: 'Attach a file to a record: the body is the raw bytes; target, category and name in the query', querystring: UploadFileQuerySchema, response: { 201: FileSchema, ...problems } },
      },
      async (request, reply) => {
        const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        return reply.code(201).send(await uploadFile(core, contextOf(request), request.query, body));
      },
    );
  });
  const r = typed(app);
  const tags = ['files'];
  r.get('/api/files', { schema: { tags, summary: "A record's files, newest first", querystring: FileListQuerySchema, response: { 200: z.object({ items: z.array(FileSchema) }), ...problems } } }, async (request) =>
    listFiles(core, contextOf(request), request.query),
  );
  r.get(
    '/api/files/:id/content',
    { schema: { tags, summary: 'Download a file (inline=true previews images and PDFs); needs read access to its record', params: IdParams, querystring: z.object({ inline: z.enum(['true', 'false']).default('false') }) } },
    async (request, reply) => {
      const { file, bytes } = await readFileContent(core, contextOf(request), request.params.id);
      const inline = request.query.inline === 'true' && file.previewable;
      return reply
        .type(file.mime)
        .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.name)}`)
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; object-src 'self'")
        .header('cache-control', 'private, no-store')
        .send(bytes);
    },
  );
  r.delete('/api/files/:id', { schema: { tags, summary: 'Remove a file (its uploader, or someone who may delete records)', params: IdParams, response: { 204: NoContent, ...problems } } }, async (request, reply) => {
    await deleteFile(core, contextOf(request), request.params.id);
    return reply.code(204).send(null);
  });
}
