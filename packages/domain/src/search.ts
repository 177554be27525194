import { z } from 'zod';
import { IdSchema, text } from './common';

export const SEARCH_TYPES = ['customer', 'contact', 'opportunity'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

export const SearchQuerySchema = z.object({
  /** Any part of a name (2-character Chinese names too), pinyin initials, a phone fragment or an e-mail. */
  q: text(100).pipe(z.string().min(1)),
  type: z.enum(SEARCH_TYPES).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type SearchQuery = z.infer<typeof SearchQuerySchema>;

export const SearchHitSchema = z.object({
  type: z.enum(SEARCH_TYPES),
  id: IdSchema,
  /** The record's name. */
  title: z.string(),
  /** Context: a contact's or deal's customer, a customer's city. */
  subtitle: z.string().nullable(),
  /** A contact's or deal's customer, for linking. */
  customerId: IdSchema.nullable(),
});
export type SearchHit = z.infer<typeof SearchHitSchema>;

export const SearchResultSchema = z.object({ items: z.array(SearchHitSchema) });
export type SearchResult = z.infer<typeof SearchResultSchema>;
