// Test code for slack-token: Slack notifications the way quick answers wire them up.
const { WebClient } = require('@slack/web-api');
const axios = require('axios');

// "Post a message to Slack when an order is placed"
// ruleid: slack-token
const slack = new WebClient('xoxb-121547280385-2808414852538-IXGvOoNZYW2mZp0zVZomHFwU');

async function notify(text) {
  // ruleid: slack-token
  await axios.post('https://hooks.slack.com/services/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', { text });
}

const config = {
  // ruleid: slack-token
  userToken: "xoxp-00474395755-13137353799-0751163726516-ec255404e4fb440034d6608697a8d41b",
};

// The fixed form.
// ok: slack-token
const slackFromEnv = new WebClient(process.env.SLACK_BOT_TOKEN);

// Documentation placeholders and prefix checks.
// ok: slack-token
const placeholder = 'xoxb-your-bot-token';
// ok: slack-token
const isBotToken = (t) => t.startsWith('xoxb-');
// ok: slack-token
const hookBase = 'https://hooks.slack.com/services/';

module.exports = { slack, notify, config, slackFromEnv, placeholder, isBotToken, hookBase };
