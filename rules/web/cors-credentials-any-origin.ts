// Test code for cors-credentials-any-origin: "fix the CORS error" answers for cookie-authenticated APIs.
import express from 'express';
import cors from 'cors';
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const app = express();

// "CORS error with credentials: include, allow my React app"
// ruleid: cors-credentials-any-origin
app.use(cors({ origin: true, credentials: true }));

app.use(
  cors({
    // ruleid: cors-credentials-any-origin
    origin: (origin, callback) => callback(null, true),
    credentials: true,
  }),
);

const httpServer = createServer(app);
export const io = new Server(httpServer, {
  // ruleid: cors-credentials-any-origin
  cors: { origin: '*', methods: ['GET', 'POST'], credentials: true },
});

// The fixed forms.
// ok: cors-credentials-any-origin
app.use(cors({ origin: ['https://app.example.com', 'https://admin.example.com'], credentials: true }));
const allowed = new Set(['https://app.example.com']);
app.use(
  cors({
    // ok: cors-credentials-any-origin
    origin: (origin, callback) => callback(null, !origin || allowed.has(origin)),
    credentials: true,
  }),
);

// A public API without cookies may allow everyone.
// ok: cors-credentials-any-origin
app.use('/public', cors({ origin: '*' }));
