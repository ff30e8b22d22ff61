// Test code for code-injection-timer-string: setTimeout / setInterval with strings.
const express = require('express');

const app = express();

// "Schedule a reminder"
app.post('/remind', (req, res) => {
  // ruleid: code-injection-timer-string
  setTimeout('sendReminder("' + req.body.userId + '")', 60000);
  res.sendStatus(202);
});

// Browser: "run the callback named in the URL"
function startPolling() {
  const params = new URLSearchParams(window.location.search);
  // ruleid: code-injection-timer-string
  setInterval(params.get('onTick') + '()', 1000);
}

// A helper that schedules the code string.
function later(code, ms) {
  // ruleid: code-injection-timer-string
  return window.setTimeout(code, ms);
}
function laterHandler(req, res) {
  later(req.query.code, 10);
  res.end();
}
app.get('/later', laterHandler);

// The fixed forms and look-alikes.
app.post('/remind-safe', (req, res) => {
  // ok: code-injection-timer-string
  setTimeout(() => sendReminder(req.body.userId), 60000);
  // ok: code-injection-timer-string
  setTimeout(function () { sendReminder(req.body.userId); }, Number(req.body.delay));
  let code = req.body.code;
  code = 'tick()';
  // ok: code-injection-timer-string
  setTimeout(code, 10);
  // ok: code-injection-timer-string
  setTimeout(sendReminder, Number(req.body.delay), req.body.userId);
  res.sendStatus(202);
});

function sendReminder(id) {
  return id;
}

module.exports = { app, startPolling };
