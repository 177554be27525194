import { z } from 'zod';
import { IdSchema, RECORD_TYPES, requiredText, text, TimestampSchema } from './common';

/** Records a file can be attached to: the same as follow-ups and comments. */
export const FILE_TARGETS = RECORD_TYPES;

/**
 * The types Kairos accepts, by extension, with the content type it must really have (sniffed from the
 * bytes; plain text has no signature and is checked to be UTF-8 text instead). Anything else is refused.
 */
export const ALLOWED_FILE_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  doc: 'application/x-cfb',
  xls: 'application/x-cfb',
  ppt: 'application/x-cfb',
  txt: 'text/plain',
  csv: 'text/csv',
};

/** Types the browser may show inline (preview); everything else downloads. */
export const PREVIEWABLE_MIME = ['application/pdf', 'image/png', 'image/jpeg', 'image/gif', 'image/webp'];

/** Part of the workspace settings, which are also a response: plain checks, no input transforms. */
export const FileCategorySchema = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,29}$/),
  labelZh: z.string().min(1).max(30),
  labelEn: z.string().min(1).max(30),
});
export type FileCategory = z.infer<typeof FileCategorySchema>;

export const DEFAULT_FILE_CATEGORIES: FileCategory[] = [
  { key: 'quote', labelZh: '报价单', labelEn: 'Quote' },
  { key: 'contract', labelZh: '合同', labelEn: 'Contract' },
  { key: 'requirements', labelZh: '需求文档', labelEn: 'Requirements' },
  { key: 'proposal', labelZh: '方案', labelEn: 'Proposal' },
  { key: 'other', labelZh: '其他', labelEn: 'Other' },
];

export const FileSchema = z.object({
  id: IdSchema,
  targetType: z.enum(FILE_TARGETS),
  targetId: IdSchema,
  customerId: IdSchema,
  category: z.string(),
  name: z.string(),
  mime: z.string(),
  size: z.number().int(),
  /** Whether the browser may preview it inline (images and PDFs). */
  previewable: z.boolean(),
  uploadedBy: IdSchema,
  /** The follow-up it was attached to, if any; it is on the record's files card either way. */
  followUpId: IdSchema.nullable(),
  createdAt: TimestampSchema,
});
export type StoredFile = z.infer<typeof FileSchema>;

/** Upload: the raw bytes are the request body; what they are is said in the query string. */
export const UploadFileQuerySchema = z.object({
  targetType: z.enum(FILE_TARGETS),
  targetId: IdSchema,
  category: text(30).pipe(z.string().min(1)),
  name: requiredText(200).refine((n) => !/[\\/]/.test(n), { message: 'no slashes', params: { reason: 'file_name' } }),
});
export type UploadFileQuery = z.infer<typeof UploadFileQuerySchema>;

export const FileListQuerySchema = z.object({
  targetType: z.enum(FILE_TARGETS),
  targetId: IdSchema,
  category: text(30).optional(),
});

/** The extension of a file name, lower case, or '' when it has none. */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}
