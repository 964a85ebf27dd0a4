import { scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashPin, pinMatches } from './profiles-pin';

describe('PIN hashing', () => {
  it('stores scrypt(PIN, salt), never the PIN, and accepts only that PIN', () => {
    const stored = hashPin('4711');
    expect(stored.salt).toHaveLength(16);
    expect(stored.hash).toHaveLength(32);
    expect(stored.hash.toString('utf8')).not.toContain('4711');
    // The hash is Node's scrypt with the documented parameters, recomputed here independently.
    expect(scryptSync('4711', stored.salt, 32, { N: 16384, r: 8, p: 1 }).equals(stored.hash)).toBe(
      true,
    );
    expect(pinMatches('4711', stored)).toBe(true);
    expect(pinMatches('4712', stored)).toBe(false);
    expect(pinMatches('', stored)).toBe(false);
  });

  it('salts each PIN: the same PIN hashed twice gives two different hashes', () => {
    const a = hashPin('1234');
    const b = hashPin('1234');
    expect(a.salt.equals(b.salt)).toBe(false);
    expect(a.hash.equals(b.hash)).toBe(false);
    expect(pinMatches('1234', a) && pinMatches('1234', b)).toBe(true);
  });
});
