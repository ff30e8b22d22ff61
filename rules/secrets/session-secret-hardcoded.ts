// Test code for session-secret-hardcoded: Fastify and ES-module Express set-ups.
import Fastify from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifySession from '@fastify/session';
import express from 'express';
import session from 'express-session';

const fastify = Fastify();
fastify.register(fastifyCookie);
// ruleid: session-secret-hardcoded
fastify.register(fastifySession, { secret: 'a secret with minimum length of 32 characters', cookie: { secure: true } });

const app = express();
// ruleid: session-secret-hardcoded
app.use(session({ secret: process.env.SESSION_SECRET ?? 'fallback-secret', resave: false, saveUninitialized: false }));

// The fixed form.
// ok: session-secret-hardcoded
fastify.register(fastifySession, { secret: process.env.SESSION_SECRET as string });
