// Test code for serialize-javascript-unsafe: React server rendering of initial state.
import serialize from 'serialize-javascript';

type State = { user: { name: string } };

export function Document({ state }: { state: State }) {
  return (
    <html>
      <body>
        <div id="root" />
        {/* ruleid: serialize-javascript-unsafe */}
        <script dangerouslySetInnerHTML={{ __html: `window.__STATE__ = ${serialize(state, { unsafe: true })}` }} />
        {/* ok: serialize-javascript-unsafe */}
        <script dangerouslySetInnerHTML={{ __html: `window.__CONFIG__ = ${serialize({ theme: 'dark' })}` }} />
      </body>
    </html>
  );
}
