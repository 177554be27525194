import { uuidv7 } from 'uuidv7';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Time-ordered ids: new rows land at the end of the primary-key index. */
export function newId(): string {
  return uuidv7();
}

/** A URL-safe random secret of `bytes` bytes. */
export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** Secrets (session tokens, API tokens, invitation links) are stored only as this hash. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
