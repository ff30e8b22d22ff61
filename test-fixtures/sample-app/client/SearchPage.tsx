// The search page and widgets: URL data rendered into the DOM.
import { useSearchParams, useRouter } from 'next/navigation';

declare const $: (selector: string) => { html(markup: string): void };

export function SearchPage({ blurb }: { blurb: string }) {
  const params = useSearchParams();
  const router = useRouter();
  const q = params.get('q') ?? '';
  const back = params.get('back') ?? '/';
  document.getElementById('title')!.innerHTML = 'Results for ' + q;
  $('#summary').html('<b>' + q + '</b>');
  return (
    <div>
      <div dangerouslySetInnerHTML={{ __html: blurb }} />
      <a href={back}>Back</a>
      <button onClick={() => router.push(back)}>Go back</button>
    </div>
  );
}

export function trackingPixel() {
  document.write('<img src="/p.gif?ref=' + document.referrer + '">');
}
