// Test code for nextjs-image-any-host: "hostname is not configured under images" fixes (next.config.mjs).

/** @type {import('next').NextConfig} */
const nextConfig = {
  images: {
    // ruleid: nextjs-image-any-host
    remotePatterns: [{ protocol: 'https', hostname: '**' }],
  },
};

export const legacyConfig = {
  images: {
    remotePatterns: [
      { protocol: 'https', hostname: 'images.example-cdn.com' },
      // ruleid: nextjs-image-any-host
      { protocol: 'http', hostname: '*' },
    ],
  },
};

export const oldestConfig = {
  // ruleid: nextjs-image-any-host
  images: { domains: ['*'] },
};

// The fixed forms.
export const fixedConfig = {
  images: {
    // ok: nextjs-image-any-host
    remotePatterns: [{ protocol: 'https', hostname: 'images.example-cdn.com', pathname: '/uploads/**' }],
  },
};
export const subdomains = {
  // ok: nextjs-image-any-host
  images: { remotePatterns: [{ protocol: 'https', hostname: '**.amazonaws.com' }] },
};
export const listedDomains = {
  // ok: nextjs-image-any-host
  images: { domains: ['images.example-cdn.com', 'avatars.example.com'] },
};

export default nextConfig;
