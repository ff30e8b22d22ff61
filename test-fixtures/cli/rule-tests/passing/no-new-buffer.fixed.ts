// ruleid: no-new-buffer
const a = Buffer.from(input);
// ok: no-new-buffer
const b = Buffer.from(input);
