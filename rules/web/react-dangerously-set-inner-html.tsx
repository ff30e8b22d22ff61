// Test code for react-dangerously-set-inner-html: rich text, Markdown and CMS content in React.
import DOMPurify from 'dompurify';
import { marked } from 'marked';

type Post = { title: string; body: string; bio: string };

// "Render the blog post body, it contains HTML from the CMS"
export function PostBody({ post }: { post: Post }) {
  // ruleid: react-dangerously-set-inner-html
  return <article className="prose" dangerouslySetInnerHTML={{ __html: post.body }} />;
}

// "Render Markdown comments"
export function Comment({ markdown }: { markdown: string }) {
  // ruleid: react-dangerously-set-inner-html
  return <div dangerouslySetInnerHTML={{ __html: marked.parse(markdown) as string }} />;
}

export function Highlight({ query, text }: { query: string; text: string }) {
  const html = text.replace(new RegExp(query, 'gi'), (m) => `<mark>${m}</mark>`);
  // ruleid: react-dangerously-set-inner-html
  return <p dangerouslySetInnerHTML={{ __html: html }} />;
}

// ruleid: react-dangerously-set-inner-html
export const Bio = ({ user }: { user: Post }) => <div dangerouslySetInnerHTML={{ __html: `<b>${user.title}</b> ${user.bio}` }} />;

// The fixed forms.
export function PostBodySafe({ post }: { post: Post }) {
  // ok: react-dangerously-set-inner-html
  return <article dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(post.body) }} />;
}
// ok: react-dangerously-set-inner-html
export const Title = ({ post }: { post: Post }) => <h1>{post.title}</h1>;
// Constant markup.
// ok: react-dangerously-set-inner-html
export const Logo = () => <span dangerouslySetInnerHTML={{ __html: '<svg viewBox="0 0 10 10"><circle cx="5" cy="5" r="5"/></svg>' }} />;
// JSON-LD with '<' escaped.
export function JsonLd({ data }: { data: object }) {
  // ok: react-dangerously-set-inner-html
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: JSON.stringify(data).replace(/</g, '\\u003c') }} />;
}
