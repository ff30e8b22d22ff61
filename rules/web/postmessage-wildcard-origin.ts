// Test code for postmessage-wildcard-origin: popups and embedded widgets talking to their parent.
export function finishOAuthPopup(token: string) {
  // "Send the token from the OAuth popup back to the opener"
  // ruleid: postmessage-wildcard-origin
  window.opener?.postMessage({ type: 'oauth-token', token }, '*');
  window.close();
}

export function notifyParent(height: number, user: { email: string }) {
  // ruleid: postmessage-wildcard-origin
  window.parent.postMessage({ type: 'resize', height, email: user.email }, "*");
}

export function sendToFrame(frame: HTMLIFrameElement, data: unknown) {
  // ruleid: postmessage-wildcard-origin
  frame.contentWindow?.postMessage(data, { targetOrigin: '*' });
}

// The fixed forms.
export function finishOAuthPopupSafe(token: string) {
  // ok: postmessage-wildcard-origin
  window.opener?.postMessage({ type: 'oauth-token', token }, 'https://app.example.com');
}
// ok: postmessage-wildcard-origin
export const sameOrigin = (data: unknown) => window.parent.postMessage(data, window.location.origin);

// Workers and MessagePorts have no target origin.
export function toWorker(worker: Worker, buffer: ArrayBuffer) {
  // ok: postmessage-wildcard-origin
  worker.postMessage({ buffer }, [buffer]);
}
