import fastJson from 'fast-json-stringify';
import { z } from 'zod';
import type { FastifySerializerCompiler } from 'fastify';

/**
 * Responses are written by fast-json-stringify, compiled once per route from the zod response schema
 * (its JSON Schema, the same one the OpenAPI document shows). Like a zod parse it writes only the
 * properties the schema declares, so a field added to a row never leaks by accident, and it refuses a
 * missing required property; unlike one it does not re-validate every value of every row, which was a
 * quarter of the CPU time of a 50-row list. A schema JSON Schema cannot express falls back to zod.
 */

type JsonSchema = Record<string, unknown>;

const SIMPLE = new Set(['string', 'number', 'integer', 'boolean', 'array', 'object']);

/**
 * `anyOf: [X, {type: 'null'}]` (how zod writes `.nullable()`) becomes `type: [X.type, 'null']`, which
 * fast-json-stringify writes directly instead of running a validator to pick the branch per value.
 */
function simplify(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(simplify);
  if (!node || typeof node !== 'object') return node;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(node)) out[key] = simplify(value);
  const anyOf = out.anyOf;
  if (Array.isArray(anyOf) && anyOf.length === 2) {
    const nullIndex = anyOf.findIndex((s: JsonSchema) => s.type === 'null' && Object.keys(s).length === 1);
    const other = anyOf[1 - nullIndex] as JsonSchema | undefined;
    if (nullIndex >= 0 && other && typeof other.type === 'string' && SIMPLE.has(other.type) && !('anyOf' in other) && !('oneOf' in other)) {
      const { anyOf: _drop, ...rest } = out;
      return { ...rest, ...other, type: [other.type, 'null'] };
    }
  }
  return out;
}

/** The JSON Schema fast-json-stringify compiles, or null when the zod schema has parts JSON Schema cannot carry. */
export function responseJsonSchema(schema: z.ZodType): JsonSchema | null {
  try {
    const json = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'throw', target: 'draft-7' }) as JsonSchema;
    delete json.$schema;
    return simplify(json) as JsonSchema;
  } catch {
    return null;
  }
}

function zodSerializer(schema: z.ZodType, method: string, url: string) {
  return (data: unknown) => {
    const result = schema.safeEncode(data);
    if (!result.success) throw new Error(`response of ${method} ${url} does not match its schema`, { cause: result.error });
    return JSON.stringify(result.data);
  };
}

/** Routes whose answers zod writes because their schema did not compile (`METHOD url`); a test keeps it empty. */
export const zodSerializedRoutes = new Set<string>();

export const serializerCompiler: FastifySerializerCompiler<unknown> = ({ schema, method, url }) => {
  const zodSchema = schema instanceof z.ZodType ? schema : null;
  if (!zodSchema) return (data: unknown) => JSON.stringify(data);
  const json = responseJsonSchema(zodSchema);
  if (json) {
    try {
      return fastJson(json as unknown as Parameters<typeof fastJson>[0]);
    } catch {
      // A construct fast-json-stringify does not support: zod writes this route's answers.
    }
  }
  zodSerializedRoutes.add(`${method} ${url}`);
  return zodSerializer(zodSchema, method, url);
};
