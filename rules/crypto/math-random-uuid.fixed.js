// Test code for math-random-uuid: the "generate a UUID without a library" answer.

// "Generate a UUID in JavaScript"
function uuidv4() {
  // ruleid: math-random-uuid
  return crypto.randomUUID();
}

const createSessionId = () =>
  // ruleid: math-random-uuid
  crypto.randomUUID();

// ruleid: math-random-uuid
const inviteId = crypto.randomUUID();

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
