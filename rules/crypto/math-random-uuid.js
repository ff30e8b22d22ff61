// Test code for math-random-uuid: the "generate a UUID without a library" answer.

// "Generate a UUID in JavaScript"
function uuidv4() {
  // ruleid: math-random-uuid
  return 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, function (c) {
    const r = (Math.random() * 16) | 0;
    const v = c === 'x' ? r : (r & 0x3) | 0x8;
    return v.toString(16);
  });
}

const createSessionId = () =>
  // ruleid: math-random-uuid
  'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, (c) => {
    const r = (Math.random() * 16) | 0;
    return (c === 'x' ? r : (r & 0x3) | 0x8).toString(16);
  });

// ruleid: math-random-uuid
const inviteId = "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx".replace(/[xy]/g, (c) => ((Math.random() * 16) | (c === 'x' ? 0 : 8)).toString(16));

// The fixed form.
// ok: math-random-uuid
const requestId = crypto.randomUUID();

// A template with other placeholders.
// ok: math-random-uuid
const masked = 'xxxx-xxxx-xxxx-1234'.replace(/x/g, '*');

// The uuid package.
const { v4: uuid } = require('uuid');
// ok: math-random-uuid
const orderId = uuid();

module.exports = { uuidv4, createSessionId, inviteId, requestId, masked, orderId };
