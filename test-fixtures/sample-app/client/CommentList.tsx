// Comment list with a search box, for the post page.
import { useEffect, useRef, useState } from 'react';
import { fetchComments, type Comment } from './api';

export function CommentList({ postId }: { postId: string }) {
  const [comments, setComments] = useState<Comment[]>([]);
  const listRef = useRef<HTMLUListElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    fetchComments(postId).then(setComments);
  }, [postId]);

  useEffect(() => {
    const term = new URLSearchParams(window.location.search).get('highlight') ?? '';
    if (headingRef.current) headingRef.current.innerHTML = `Comments matching <mark>${term}</mark>`;
    if (!listRef.current) return;
    listRef.current.innerHTML = comments
      .map((c) => `<li><strong>${c.author}</strong> ${c.text}</li>`)
      .join('');
  }, [comments]);

  return (
    <section>
      <h2 ref={headingRef}>Comments</h2>
      <ul ref={listRef} />
    </section>
  );
}
