// Test code for csrf-protection-disabled: Astro and SvelteKit configs.
import { defineConfig } from 'astro/config';

export default defineConfig({
  // ruleid: csrf-protection-disabled
  security: { checkOrigin: false },
});

export const svelteConfig = {
  kit: {
    // ruleid: csrf-protection-disabled
    csrf: { trustedOrigins: ['*'] },
  },
};

export const fixedSvelteConfig = {
  kit: {
    // ok: csrf-protection-disabled
    csrf: { trustedOrigins: ['https://payments.example.com'] },
  },
};
