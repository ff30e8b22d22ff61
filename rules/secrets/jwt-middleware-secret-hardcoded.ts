// Test code for jwt-middleware-secret-hardcoded: token-checking middleware as assistants configure it.
import express from 'express';
import { expressjwt } from 'express-jwt';
import passport from 'passport';
import { Strategy as JwtStrategy, ExtractJwt } from 'passport-jwt';
import { JwtModule } from '@nestjs/jwt';
import NextAuth from 'next-auth';
import GitHubProvider from 'next-auth/providers/github';

const app = express();

// "Protect /api with express-jwt"
// ruleid: jwt-middleware-secret-hardcoded
app.use('/api', expressjwt({ secret: 'shhhhhhared-secret', algorithms: ['HS256'] }));

passport.use(
  new JwtStrategy(
    {
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // ruleid: jwt-middleware-secret-hardcoded
      secretOrKey: process.env.JWT_SECRET || 'supersecretkey',
    },
    (payload, done) => done(null, payload),
  ),
);

// NestJS auth module
export const jwtModule = JwtModule.register({
  global: true,
  // ruleid: jwt-middleware-secret-hardcoded
  secret: 'nest-jwt-secret',
  signOptions: { expiresIn: '60s' },
});

// NextAuth route (pages/api/auth/[...nextauth].ts)
export default NextAuth({
  providers: [GitHubProvider({ clientId: process.env.GITHUB_ID as string, clientSecret: process.env.GITHUB_SECRET as string })],
  // ruleid: jwt-middleware-secret-hardcoded
  secret: 'my-nextauth-secret',
});

// The fixed forms.
// ok: jwt-middleware-secret-hardcoded
app.use('/v2', expressjwt({ secret: process.env.JWT_SECRET as string, algorithms: ['HS256'] }));
// ok: jwt-middleware-secret-hardcoded
export const jwtModuleFromEnv = JwtModule.register({ secret: process.env.JWT_SECRET });

// A public key file for RS256 is fine.
passport.use(
  new JwtStrategy(
    // ok: jwt-middleware-secret-hardcoded
    { jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKey: require('fs').readFileSync('keys/public.pem'), algorithms: ['RS256'] },
    (payload, done) => done(null, payload),
  ),
);
