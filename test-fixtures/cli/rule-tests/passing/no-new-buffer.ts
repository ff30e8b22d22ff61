// ruleid: no-new-buffer
const a = new Buffer(input);
// ok: no-new-buffer
const b = Buffer.from(input);
