// Test code for message-listener-without-origin-check: widgets and OAuth popups listening for messages.
import { useEffect, useState } from 'react';

// "Receive the token from the login popup"
export function useOAuthToken() {
  const [token, setToken] = useState<string | null>(null);
  useEffect(() => {
    const handler = (event: MessageEvent) => {
      if (event.data?.type === 'oauth-token') {
        localStorage.setItem('token', event.data.token);
        setToken(event.data.token);
      }
    };
    // ruleid: message-listener-without-origin-check
    window.addEventListener('message', handler);
    return () => window.removeEventListener('message', handler);
  }, []);
  return token;
}

// ruleid: message-listener-without-origin-check
window.addEventListener('message', function (e) {
  if (e.data.action === 'navigate') window.location.href = e.data.url;
});

// ruleid: message-listener-without-origin-check
window.onmessage = (event) => {
  document.getElementById('preview')!.innerHTML = event.data.html;
};

// The fixed forms.
// ok: message-listener-without-origin-check
window.addEventListener('message', (event) => {
  if (event.origin !== 'https://auth.example.com') return;
  localStorage.setItem('token', event.data.token);
});
// ok: message-listener-without-origin-check
window.addEventListener('message', ({ origin, data }) => {
  if (origin === window.location.origin) console.log(data);
});

// A named handler defined elsewhere is not judged; other events are not messages.
declare function handleMessage(e: MessageEvent): void;
// ok: message-listener-without-origin-check
window.addEventListener('message', handleMessage);
// ok: message-listener-without-origin-check
window.addEventListener('resize', () => console.log(window.innerWidth));
