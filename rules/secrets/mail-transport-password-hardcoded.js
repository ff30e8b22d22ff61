// Test code for mail-transport-password-hardcoded: "send e-mail with Gmail and nodemailer".
const nodemailer = require('nodemailer');

// "Send a password-reset e-mail with Gmail"
const transporter = nodemailer.createTransport({
  service: 'gmail',
  auth: {
    user: 'myapp@gmail.com',
    // ruleid: mail-transport-password-hardcoded
    pass: 'abcd efgh ijkl mnop',
  },
});

const smtpOptions = {
  host: 'smtp.office365.com',
  port: 587,
  auth: { user: 'noreply@example.com', pass: process.env.SMTP_PASS || 'Welcome2024!' },
};
// ruleid: mail-transport-password-hardcoded
const officeTransport = nodemailer.createTransport(smtpOptions);

function makeTransport() {
  return nodemailer.createTransport({
    host: 'smtp.mailtrap.io',
    // ruleid: mail-transport-password-hardcoded
    auth: { user: 'a1b2c3', pass: "9f8e7d6c5b4a" },
  });
}

// The fixed form.
const transporterFromEnv = nodemailer.createTransport({
  service: 'gmail',
  // ok: mail-transport-password-hardcoded
  auth: { user: process.env.GMAIL_USER, pass: process.env.GMAIL_APP_PASSWORD },
});

// OAuth2 instead of a password, and a placeholder.
const oauthTransport = nodemailer.createTransport({
  service: 'gmail',
  // ok: mail-transport-password-hardcoded
  auth: { type: 'OAuth2', user: process.env.GMAIL_USER, refreshToken: process.env.GMAIL_REFRESH_TOKEN },
});
// ok: mail-transport-password-hardcoded
const example = nodemailer.createTransport({ host: 'smtp.example.com', auth: { user: 'user', pass: 'your-app-password' } });

module.exports = { transporter, officeTransport, makeTransport, transporterFromEnv, oauthTransport, example };
