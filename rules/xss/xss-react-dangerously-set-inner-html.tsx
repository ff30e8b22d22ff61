// Test code for xss-react-dangerously-set-inner-html: React components rendering props and URL data as HTML.
import DOMPurify from 'dompurify';
import { marked } from 'marked';
import { useSearchParams } from 'next/navigation';

// "Render the comment body, it can contain formatting"
export function Comment({ author, body }: { author: string; body: string }) {
  return (
    <article>
      <h4>{author}</h4>
      {/* ruleid: xss-react-dangerously-set-inner-html */}
      <div dangerouslySetInnerHTML={{ __html: body }} />
    </article>
  );
}

// "Render the markdown bio"
export const Bio = ({ markdown }: { markdown: string }) => (
  // ruleid: xss-react-dangerously-set-inner-html
  <section dangerouslySetInnerHTML={{ __html: marked.parse(markdown) as string }} />
);

// "Show the message from the query string" (Next.js client component)
export function Flash() {
  const searchParams = useSearchParams();
  const message = searchParams.get('message') ?? '';
  // ruleid: xss-react-dangerously-set-inner-html
  return <p className="flash" dangerouslySetInnerHTML={{ __html: `<b>${message}</b>` }} />;
}

export function LegacyNotice(props: { html: string }) {
  // ruleid: xss-react-dangerously-set-inner-html
  return <div dangerouslySetInnerHTML={{ __html: props.html }} />;
}

// The fixed forms and look-alikes.
export function CommentSafe({ body, count }: { body: string; count: string }) {
  const visits = Number(count);
  let label = body;
  label = '<em>new</em>';
  return (
    <article>
      {/* ok: xss-react-dangerously-set-inner-html */}
      <div dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(body) }} />
      {/* ok: xss-react-dangerously-set-inner-html */}
      <div>{body}</div>
      {/* ok: xss-react-dangerously-set-inner-html */}
      <span dangerouslySetInnerHTML={{ __html: '&copy; 2025 Example' }} />
      {/* ok: xss-react-dangerously-set-inner-html */}
      <span dangerouslySetInnerHTML={{ __html: `<b>${visits}</b>` }} />
      {/* ok: xss-react-dangerously-set-inner-html */}
      <span dangerouslySetInnerHTML={{ __html: label }} />
    </article>
  );
}
