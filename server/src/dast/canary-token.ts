/** Unique canaries and arithmetic pairs, so one probe's echo is never mistaken for another's. */
import { randomBytes, randomInt } from 'node:crypto';

/**
 * A random lowercase token of `length` characters ([a-z0-9]).
 *
 * Why: a canary that the page could contain by chance proves nothing; 10
 * random characters make a coincidence practically impossible.
 */
export function randomToken(length = 10): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += alphabet[b % alphabet.length] ?? 'x';
  // Start with a letter so the token is a valid tag or identifier name.
  return 'v' + out.slice(1);
}

/** Two 4-digit factors and their product: the product never appears in the payload text. */
export function arithmeticPair(): { a: number; b: number; product: number } {
  const a = randomInt(1000, 9999);
  const b = randomInt(1000, 9999);
  return { a, b, product: a * b };
}
