// Test code for oauth-client-secret-hardcoded: "Login with Google/GitHub" set-ups.
const passport = require('passport');
const GoogleStrategy = require('passport-google-oauth20').Strategy;
const GitHubStrategy = require('passport-github2').Strategy;
const TwitterStrategy = require('passport-twitter').Strategy;

// "Add Google login with Passport"
passport.use(
  new GoogleStrategy(
    {
      clientID: '1234567890-abcdefg.apps.googleusercontent.com',
      // ruleid: oauth-client-secret-hardcoded
      clientSecret: 'GOCSPX-abcdefghijklmnopqrstuvwx',
      callbackURL: '/auth/google/callback',
    },
    (accessToken, refreshToken, profile, done) => done(null, profile),
  ),
);

passport.use(
  new GitHubStrategy(
    {
      clientID: process.env.GITHUB_CLIENT_ID,
      // ruleid: oauth-client-secret-hardcoded
      clientSecret: process.env.GITHUB_CLIENT_SECRET || '8f3c1d2e4b5a69788c7d6e5f4a3b2c1d0e9f8a7b',
      callbackURL: 'http://localhost:3000/auth/github/callback',
    },
    (accessToken, refreshToken, profile, done) => done(null, profile),
  ),
);

passport.use(
  new TwitterStrategy(
    // ruleid: oauth-client-secret-hardcoded
    { consumerKey: 'xvz1evFS4wEEPTGEFPHBog', consumerSecret: 'kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw', callbackURL: '/auth/twitter/callback' },
    (token, tokenSecret, profile, done) => done(null, profile),
  ),
);

// The fixed form.
passport.use(
  new GoogleStrategy(
    // ok: oauth-client-secret-hardcoded
    { clientID: process.env.GOOGLE_CLIENT_ID, clientSecret: process.env.GOOGLE_CLIENT_SECRET, callbackURL: '/auth/google/callback' },
    (accessToken, refreshToken, profile, done) => done(null, profile),
  ),
);

// Placeholders from the docs are not secrets (they also cannot work).
// ok: oauth-client-secret-hardcoded
const example = { clientID: 'GOOGLE_CLIENT_ID', clientSecret: 'YOUR_CLIENT_SECRET' };
// ok: oauth-client-secret-hardcoded
const empty = { clientId: '', clientSecret: '' };

module.exports = { example, empty };
