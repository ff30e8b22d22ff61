// Test code for sendgrid-api-key: transactional e-mail set-ups.
const sgMail = require('@sendgrid/mail');
const nodemailer = require('nodemailer');

// "Send a welcome e-mail with SendGrid"
// ruleid: sendgrid-api-key
sgMail.setApiKey('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');

const transporter = nodemailer.createTransport({
  host: 'smtp.sendgrid.net',
  port: 587,
  // ruleid: sendgrid-api-key
  auth: { user: 'apikey', pass: "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" },
});

// ruleid: sendgrid-api-key
const SENDGRID_KEY = `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`;

// The fixed form.
// ok: sendgrid-api-key
sgMail.setApiKey(process.env.SENDGRID_API_KEY);

// Placeholders.
// ok: sendgrid-api-key
const placeholder = 'SG.xxxxx.yyyyy';
// ok: sendgrid-api-key
const looksLike = (k) => k.startsWith('SG.');

module.exports = { transporter, SENDGRID_KEY, placeholder, looksLike };
