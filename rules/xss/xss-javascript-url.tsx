// Test code for xss-javascript-url: links and frames whose URL comes from the page URL.
import { useSearchParams } from 'next/navigation';

// "Add a 'back' link that returns to the page in ?returnUrl"
export function BackLink() {
  const searchParams = useSearchParams();
  const returnUrl = searchParams.get('returnUrl') ?? '/';
  // ruleid: xss-javascript-url
  return <a href={returnUrl}>Back</a>;
}

// "Embed the video given in the hash"
export function Embed() {
  const src = window.location.hash.slice(1);
  // ruleid: xss-javascript-url
  return <iframe src={src} title="video" />;
}

function setDownloadLink(url: string) {
  const a = document.getElementById('download') as HTMLAnchorElement;
  // ruleid: xss-javascript-url
  a.href = url;
}
setDownloadLink(new URLSearchParams(location.search).get('file') ?? '');

// The fixed forms and look-alikes.
export function BackLinkSafe() {
  const searchParams = useSearchParams();
  const returnUrl = searchParams.get('returnUrl') ?? '/';
  const safe = returnUrl.startsWith('/') && !returnUrl.startsWith('//') ? returnUrl : '/';
  const q = searchParams.get('q') ?? '';
  let home = searchParams.get('home');
  home = '/';
  return (
    <nav>
      {/* ok: xss-javascript-url */}
      <a href={`/search?q=${encodeURIComponent(q)}`}>Search again</a>
      {/* ok: xss-javascript-url */}
      <a href={'/users/' + q}>Profile</a>
      {/* ok: xss-javascript-url */}
      <a href="/help">Help</a>
      {/* ok: xss-javascript-url */}
      <a href={home}>Home</a>
      {/* ok: xss-javascript-url */}
      <a href={safe}>Back</a>
    </nav>
  );
}
