// Test code for twilio-auth-token: "send an SMS from Node" answers.
const twilio = require('twilio');

// "Send an SMS verification code with Twilio"
// ruleid: twilio-auth-token
const client = twilio('AC2a7b860dcd6c8a1f8b46287cced9041d', 'ff02cee737443e210471948d33296c87');

const settings = {
  accountSid: 'AC2a7b860dcd6c8a1f8b46287cced9041d',
  // ruleid: twilio-auth-token
  authToken: "ff02cee737443e210471948d33296c88",
};

function makeClient() {
  // ruleid: twilio-auth-token
  return new twilio.Twilio(settings.accountSid, 'ff02cee737443e210471948d33296c89');
}

// The fixed form.
// ok: twilio-auth-token
const clientFromEnv = twilio(process.env.TWILIO_ACCOUNT_SID, process.env.TWILIO_AUTH_TOKEN);

// Placeholders, and the account SID alone.
// ok: twilio-auth-token
const placeholder = { authToken: 'your_auth_token' };
// ok: twilio-auth-token
const sidOnly = { accountSid: 'AC2a7b860dcd6c8a1f8b46287cced9041d' };

module.exports = { client, makeClient, clientFromEnv, placeholder, sidOnly };
