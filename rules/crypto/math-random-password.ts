// Test code for math-random-password: "generate a random password / API key" helpers.
import crypto from 'node:crypto';

const CHARSET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*';

// "Write a function that generates a strong random password"
export function generatePassword(length = 16): string {
  let password = '';
  for (let i = 0; i < length; i++) {
    // ruleid: math-random-password
    password += CHARSET.charAt(Math.floor(Math.random() * CHARSET.length));
  }
  return password;
}

export const generateApiKey = (length = 32) =>
  Array.from({ length }, () =>
    // ruleid: math-random-password
    CHARSET[Math.floor(Math.random() * CHARSET.length)],
  ).join('');

export function createTemporaryPassword(): string {
  const chars = 'abcdefghjkmnpqrstuvwxyz23456789';
  let result = '';
  for (let i = 0; i < 10; i++) {
    // ruleid: math-random-password
    result += chars[Math.floor(Math.random() * chars.length)];
  }
  return result;
}

// The fixed form.
export function generatePasswordSafe(length = 16): string {
  let password = '';
  for (let i = 0; i < length; i++) {
    // ok: math-random-password
    password += CHARSET.charAt(crypto.randomInt(CHARSET.length));
  }
  return password;
}

// Not a secret: a random colour or a placeholder name.
export function randomColor(): string {
  const palette = ['#f00', '#0f0', '#00f'];
  // ok: math-random-password
  return palette[Math.floor(Math.random() * palette.length)];
}
export function randomNickname(): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  let name = '';
  // ok: math-random-password
  for (let i = 0; i < 6; i++) name += letters.charAt(Math.floor(Math.random() * letters.length));
  return name;
}
