// Test code for csp-unsafe-script-source: "CSP blocks my inline script" fixes.
import express from 'express';
import helmet from 'helmet';

const app = express();

app.use(
  helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // ruleid: csp-unsafe-script-source
        scriptSrc: ["'self'", "'unsafe-inline'", 'https://cdn.example.com'],
        styleSrc: ["'self'", "'unsafe-inline'"],
      },
    },
  }),
);

app.use((req, res, next) => {
  // ruleid: csp-unsafe-script-source
  res.setHeader('Content-Security-Policy', "default-src 'self'; script-src 'self' 'unsafe-eval'; img-src *");
  next();
});

// next.config.js
export const securityHeaders = [
  // ruleid: csp-unsafe-script-source
  { key: 'Content-Security-Policy', value: "default-src * 'unsafe-inline' 'unsafe-eval'" },
];

// The fixed forms.
export function cspWithNonce(nonce: string) {
  // ok: csp-unsafe-script-source
  return `default-src 'self'; script-src 'self' 'nonce-${nonce}' 'strict-dynamic'; object-src 'none'`;
}
app.use(
  helmet({
    contentSecurityPolicy: {
      // ok: csp-unsafe-script-source
      directives: { defaultSrc: ["'self'"], scriptSrc: ["'self'", 'https://cdn.example.com'], imgSrc: ['*'] },
    },
  }),
);
// Inline styles are a smaller risk and not reported here.
// ok: csp-unsafe-script-source
export const styles = "default-src 'self'; style-src 'self' 'unsafe-inline'";
