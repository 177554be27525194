import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { ALLOWED_FILE_TYPES, extensionOf, FileSchema, type FileCategory, type StoredFile, type UploadFileQuery } from '@kairos/domain/files';
import type { Locale } from '@kairos/domain/locale';
import { request, withQuery } from './api';

/**
 * Files attached to customers, contacts and deals: listing, uploading (the raw bytes are the body),
 * deleting, and the pure rules the files card and the timeline share (links, sizes, category names).
 */

export const filesKey = ['files'] as const;
const FileListSchema = z.object({ items: z.array(FileSchema) });

export type FileTarget = Pick<UploadFileQuery, 'targetType' | 'targetId'>;

/** A record's files, newest first (a customer's include its contacts' and deals'). */
export function useFiles(target: FileTarget, category?: string) {
  return useQuery({
    queryKey: [...filesKey, target.targetType, target.targetId, category ?? 'all'],
    queryFn: ({ signal }) => request('/api/files', { query: { ...target, category }, schema: FileListSchema, signal }),
  });
}

/** Uploads one file under a category; the server checks the type from the bytes and the size. */
export function useUploadFile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ query, file }: { query: UploadFileQuery; file: Blob }) =>
      request('/api/files', { method: 'POST', query: { ...query }, rawBody: file, schema: FileSchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: filesKey }),
  });
}

/** Deletes a file (its uploader, or members who may delete records). */
export function useDeleteFile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => request(`/api/files/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: filesKey }),
  });
}

/** Where a file's bytes are: as a download, or shown by the browser (images and PDFs). */
export function fileContentUrl(id: string, inline = false): string {
  return withQuery(`/api/files/${encodeURIComponent(id)}/content`, { inline: inline || undefined });
}

/** Whether the name's extension is one Kairos accepts (the server also checks the content). */
export function isAllowedFileName(name: string): boolean {
  return Object.hasOwn(ALLOWED_FILE_TYPES, extensionOf(name));
}

/** The accepted extensions, for the file picker (`.pdf,.png,…`) and the hint. */
export const ACCEPTED_EXTENSIONS = Object.keys(ALLOWED_FILE_TYPES).map((ext) => `.${ext}`);

/** A size as a person reads it: bytes under 1 KB, then KB, then MB with one decimal. */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** A category's name in the UI language; a key no longer in the settings shows as itself. */
export function categoryLabel(key: string, categories: readonly FileCategory[] | undefined, locale: Locale): string {
  const category = categories?.find((c) => c.key === key);
  if (!category) return key;
  return locale === 'en' ? category.labelEn : category.labelZh;
}

/** Whether this file is an image (previewed with an img tag) rather than a PDF (an iframe). */
export function isImage(file: Pick<StoredFile, 'mime'>): boolean {
  return file.mime.startsWith('image/');
}
