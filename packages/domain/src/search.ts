import { z } from 'zod';
import { IdSchema, text } from './common';
import type { ListScope } from './policy';

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

/**
 * Search folds text the same way on both sides: NFKC (full-width → half-width), lower case, and only
 * letters and digits kept, so punctuation, spaces and search syntax never act as operators or wildcards.
 */
export function searchKey(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * The index terms of a record: every 2- and 3-character slice of each of its searchable values (name,
 * pinyin initials, phones, e-mail…). Bigrams find the 2-character names that trigram indexes miss
 * (`华为`, `李娜`); trigrams narrow longer queries. Values are keyed separately so no term spans two.
 */
export function searchGrams(values: readonly string[]): string[] {
  const grams = new Set<string>();
  for (const value of values) {
    const chars = [...searchKey(value)];
    for (let i = 0; i + 1 < chars.length; i++) {
      grams.add(chars[i]! + chars[i + 1]!);
      if (i + 2 < chars.length) grams.add(chars[i]! + chars[i + 1]! + chars[i + 2]!);
    }
  }
  return [...grams];
}

/**
 * How a query is answered: one character matches the start of names (a B-tree range); two characters are
 * one bigram term; longer queries need all their trigrams and then the whole query as a substring.
 */
export type SearchPlan = { kind: 'empty' } | { kind: 'prefix'; key: string } | { kind: 'terms'; terms: string[]; needle: string };

export function planSearch(query: string): SearchPlan {
  const key = searchKey(query);
  const chars = [...key];
  if (chars.length === 0) return { kind: 'empty' };
  if (chars.length === 1) return { kind: 'prefix', key };
  if (chars.length === 2) return { kind: 'terms', terms: [key], needle: key };
  const terms = new Set<string>();
  for (let i = 0; i + 2 < chars.length; i++) terms.add(chars[i]! + chars[i + 1]! + chars[i + 2]!);
  return { kind: 'terms', terms: [...terms], needle: key };
}

/** The meaning of a match, as a plain scan would decide it: what the index must find, no more, no less. */
export function matchesSearch(record: { name: string; values: readonly string[] }, query: string): boolean {
  const plan = planSearch(query);
  if (plan.kind === 'empty') return false;
  if (plan.kind === 'prefix') return searchKey(record.name).startsWith(plan.key);
  return record.values.some((v) => searchKey(v).includes(plan.needle));
}

/**
 * Scope terms: who may find a record, written into the same inverted index as its text terms, so a rep's
 * 2-character query intersects two posting lists instead of filtering every match of a common bigram.
 * Letters and digits only (ids without hyphens), and far longer than any text term, so they never collide.
 */
export const scopeTerm = {
  owner: (userId: string) => `zo${userId.replace(/-/g, '')}`,
  department: (departmentId: string) => `zd${departmentId.replace(/-/g, '')}`,
  /** One per department on the record's department path: "inside this subtree". */
  within: (departmentId: string) => `za${departmentId.replace(/-/g, '')}`,
  team: (userId: string) => `zt${userId.replace(/-/g, '')}`,
};

/** A record's scope terms: its owner, its department, every department above it, its deal-team members. */
export function recordScopeTerms(record: { ownerId: string | null; departmentId: string | null; departmentPath: string | null; teamUserIds?: readonly string[] }): string[] {
  const terms: string[] = [];
  if (record.ownerId) terms.push(scopeTerm.owner(record.ownerId));
  if (record.departmentId) terms.push(scopeTerm.department(record.departmentId));
  for (const id of (record.departmentPath ?? '').split('/').filter(Boolean)) terms.push(scopeTerm.within(id));
  for (const id of record.teamUserIds ?? []) terms.push(scopeTerm.team(id));
  return terms;
}

/** The scope terms any one of which lets a limited-scope caller find a record. */
export function callerScopeTerms(scope: Extract<ListScope, { kind: 'limited' }>): string[] {
  const subtree = scope.departmentPathPrefix?.split('/').filter(Boolean).pop();
  return [...scope.ownerIds.map(scopeTerm.owner), ...scope.departmentIds.map(scopeTerm.department), ...(subtree ? [scopeTerm.within(subtree)] : []), scopeTerm.team(scope.teamUserId)];
}
