import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Sealed references: a value only the server can read back, bound to one purpose and one user. The
 * duplicate check hands one out for a customer the caller may not see, so "ask the owner" can name the
 * customer without the caller ever learning its id.
 */
export interface Sealer {
  seal(value: string, binding: string): string;
  /** The sealed value, or null for anything tampered with, expired or bound to something else. */
  open(token: string, binding: string): string | null;
}

export function createSealer(secret: string): Sealer {
  const key = createHash('sha256').update('kairos-seal\n').update(secret).digest();
  return {
    seal(value, binding) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(binding));
      const body = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
    },
    open(token, binding) {
      const raw = Buffer.from(token, 'base64url');
      if (raw.length < 29) return null;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
        decipher.setAAD(Buffer.from(binding));
        decipher.setAuthTag(raw.subarray(12, 28));
        return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
      } catch {
        return null;
      }
    },
  };
}
