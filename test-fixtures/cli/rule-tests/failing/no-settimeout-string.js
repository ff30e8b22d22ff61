// ruleid: no-settimeout-string
setTimeout("tick()", 10);

// ruleid: no-settimeout-string
setTimeout(tick, 10);

// ok: no-settimeout-string
setTimeout(() => tick(), 10);
