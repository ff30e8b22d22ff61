// Test code for helmet-protection-disabled: "helmet breaks my images/iframe" fixes.
import express from 'express';
import helmet from 'helmet';

const app = express();

// "Helmet blocks my inline scripts and CDN images"
// ruleid: helmet-protection-disabled
app.use(helmet({ contentSecurityPolicy: false }));

app.use(
  helmet({
    // ruleid: helmet-protection-disabled
    frameguard: false,
    // ruleid: helmet-protection-disabled
    hsts: false,
    crossOriginEmbedderPolicy: false,
  }),
);

// ruleid: helmet-protection-disabled
app.use(helmet({ xContentTypeOptions: false }));

// The fixed forms: adjust instead of switching off.
app.use(
  helmet({
    // ok: helmet-protection-disabled
    contentSecurityPolicy: { directives: { 'img-src': ["'self'", 'data:', 'https://cdn.example.com'] } },
    // ok: helmet-protection-disabled
    frameguard: { action: 'sameorigin' },
  }),
);
// ok: helmet-protection-disabled
app.use(helmet());

// Cross-origin isolation headers off is a compatibility choice, not a hole.
// ok: helmet-protection-disabled
app.use(helmet({ crossOriginEmbedderPolicy: false, crossOriginResourcePolicy: false }));
