// Test code for inner-html-assignment: React components that reach past JSX to the DOM.
import { useEffect, useRef, useState } from 'react';

// "Render the markdown preview"
export function MarkdownPreview({ html }: { html: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // ruleid: inner-html-assignment
    if (ref.current) ref.current.innerHTML = html;
  }, [html]);
  return <div ref={ref} className="preview" />;
}

export function CommentBox() {
  const [draft, setDraft] = useState('');
  const previewRef = useRef<HTMLParagraphElement>(null);
  return (
    <div>
      <textarea value={draft} onChange={(e) => setDraft(e.target.value)} />
      {/* ruleid: inner-html-assignment */}
      <button onClick={() => { previewRef.current!.innerHTML = draft; }}>Preview</button>
      {/* ok: inner-html-assignment */}
      <p className="escaped">{draft}</p>
      <p ref={previewRef} />
    </div>
  );
}

export function Status({ text }: { text: string }) {
  const ref = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    // ok: inner-html-assignment
    if (ref.current) ref.current.textContent = text;
  }, [text]);
  return <span ref={ref} />;
}
