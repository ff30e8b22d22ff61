// Test code for frame-options-allow-any: "let partners embed the dashboard" answers.
import express from 'express';
import helmet from 'helmet';

const app = express();

// "Allow my page to be shown in an iframe on other sites"
app.use((req, res, next) => {
  // ruleid: frame-options-allow-any
  res.setHeader('X-Frame-Options', 'ALLOWALL');
  // ruleid: frame-options-allow-any
  res.setHeader('Content-Security-Policy', "frame-ancestors *");
  next();
});

app.use(
  helmet({
    contentSecurityPolicy: {
      // ruleid: frame-options-allow-any
      directives: { defaultSrc: ["'self'"], frameAncestors: ['*'] },
    },
  }),
);

// next.config.js headers()
export const headers = [
  // ruleid: frame-options-allow-any
  { key: 'X-Frame-Options', value: 'ALLOW-FROM https://partner.example.com' },
];

// The fixed forms.
app.use((req, res, next) => {
  // ok: frame-options-allow-any
  res.setHeader('X-Frame-Options', 'DENY');
  // ok: frame-options-allow-any
  res.setHeader('Content-Security-Policy', "frame-ancestors 'self' https://partner.example.com");
  next();
});
// ok: frame-options-allow-any
export const fixedHeaders = [{ key: 'X-Frame-Options', value: 'SAMEORIGIN' }];
