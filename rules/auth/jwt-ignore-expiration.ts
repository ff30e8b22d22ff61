// Test code for jwt-ignore-expiration: "users keep getting logged out" fixes.
import jwt from 'jsonwebtoken';
import passport from 'passport';
import { Strategy as JwtStrategy, ExtractJwt } from 'passport-jwt';

const SECRET = process.env.JWT_SECRET as string;

// "TokenExpiredError: jwt expired, how do I fix it?"
export function decodeUser(token: string) {
  // ruleid: jwt-ignore-expiration
  return jwt.verify(token, SECRET, { algorithms: ['HS256'], ignoreExpiration: true });
}

export function verifyCallback(token: string, done: (err: unknown, user?: unknown) => void) {
  // ruleid: jwt-ignore-expiration
  jwt.verify(token, SECRET, { ignoreExpiration: true }, (err, payload) => done(err, payload));
}

passport.use(
  new JwtStrategy(
    {
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: SECRET,
      // ruleid: jwt-ignore-expiration
      ignoreExpiration: true,
    },
    (payload, done) => done(null, payload),
  ),
);

// The fixed forms.
// ok: jwt-ignore-expiration
export const verifyUser = (token: string) => jwt.verify(token, SECRET, { algorithms: ['HS256'] });
// ok: jwt-ignore-expiration
export const strict = (token: string) => jwt.verify(token, SECRET, { algorithms: ['HS256'], ignoreExpiration: false });
// Tolerating a little clock skew is fine.
// ok: jwt-ignore-expiration
export const skewed = (token: string) => jwt.verify(token, SECRET, { algorithms: ['HS256'], clockTolerance: 30 });
