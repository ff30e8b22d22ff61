// Test code for open-redirect-client: browser code navigating to URL parameters.
import { useEffect } from 'react';
import { useRouter, useSearchParams } from 'next/navigation';

// "After login, go to the page in ?returnTo"
export function LoginRedirect() {
  const searchParams = useSearchParams();
  const router = useRouter();
  useEffect(() => {
    const returnTo = searchParams.get('returnTo') ?? '/';
    // ruleid: open-redirect-client
    router.push(returnTo);
  }, [router, searchParams]);
  return null;
}

// Plain script: "redirect to the URL in the hash"
const target = decodeURIComponent(window.location.hash.substring(1));
// ruleid: open-redirect-client
window.location.href = target;

function go(url: string) {
  // ruleid: open-redirect-client
  window.location.assign(url);
}
go(new URLSearchParams(location.search).get('next') ?? '/');

// The fixed forms and look-alikes.
export function goSafe() {
  const next = new URLSearchParams(location.search).get('next') ?? '/';
  if (!next.startsWith('/') || next.startsWith('//')) return;
  // ok: open-redirect-client
  window.location.href = next;
}
const PAGES: Record<string, string> = { home: '/', help: '/help' };
export function goKnown() {
  const page = PAGES[new URLSearchParams(location.search).get('page') ?? ''];
  // ok: open-redirect-client
  window.location.assign(page ?? '/');
  let dest = location.hash;
  dest = '/';
  // ok: open-redirect-client
  location.href = dest;
  // ok: open-redirect-client
  window.location.href = '/items/' + Number(location.hash.slice(1));
}
