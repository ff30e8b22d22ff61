// Test code for cookie-secret-hardcoded: Fastify and ES-module Express.
import Fastify from 'fastify';
import fastifyCookie from '@fastify/cookie';
import express from 'express';
import cookieParser from 'cookie-parser';

const fastify = Fastify();
// ruleid: cookie-secret-hardcoded
fastify.register(fastifyCookie, { secret: 'my-secret', parseOptions: {} });
// ok: cookie-secret-hardcoded
fastify.register(fastifyCookie, { secret: process.env.COOKIE_SECRET });

const app = express();
// ruleid: cookie-secret-hardcoded
app.use(cookieParser(['rotating-1', 'rotating-2']));
