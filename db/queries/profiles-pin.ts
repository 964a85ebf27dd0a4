/**
 * A profile's PIN, stored as scrypt(PIN, salt) (RFC 7914, N = 2^14, r = 8, p = 1, 32 bytes) with
 * a random 16-byte salt, compared in constant time. The PIN itself is never stored.
 */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

const KEY_BYTES = 32;
const SALT_BYTES = 16;
const COST = { N: 1 << 14, r: 8, p: 1 } as const;

/** What the database keeps of a PIN. */
export interface PinHash {
  readonly hash: Buffer;
  readonly salt: Buffer;
}

/** Hashes `pin` with a fresh salt. */
export function hashPin(pin: string): PinHash {
  const salt = randomBytes(SALT_BYTES);
  return { hash: scryptSync(pin.normalize('NFKC'), salt, KEY_BYTES, COST), salt };
}

/** Whether `pin` is the one `stored` was made from (constant-time comparison of the hashes). */
export function pinMatches(pin: string, stored: PinHash): boolean {
  const candidate = scryptSync(pin.normalize('NFKC'), stored.salt, KEY_BYTES, COST);
  return candidate.length === stored.hash.length && timingSafeEqual(candidate, stored.hash);
}
