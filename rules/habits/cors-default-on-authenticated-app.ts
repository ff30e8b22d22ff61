// Test code for cors-default-on-authenticated-app: passport sessions, and a public app without auth.
import express from 'express';
import cors from 'cors';
import passport from 'passport';

export const app = express();
// ruleid: cors-default-on-authenticated-app
app.use(cors());
app.use(passport.initialize());

// ok: cors-default-on-authenticated-app
app.use('/app', cors({ origin: process.env.FRONTEND_URL, credentials: true }));
