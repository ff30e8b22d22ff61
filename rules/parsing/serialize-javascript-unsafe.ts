// Test code for serialize-javascript-unsafe: server-rendered state embedded in a page.
import express from 'express';
import serialize from 'serialize-javascript';

const app = express();

// "Pass the initial Redux state to the client"
app.get('/', (req, res) => {
  const state = { user: { name: req.query.name }, todos: [] };
  res.send(`<!doctype html><div id="root"></div>
    <script>window.__INITIAL_STATE__ = ${serialize(state, {
      // ruleid: serialize-javascript-unsafe
      unsafe: true,
    })}</script>`);
});

export function renderConfig(config: object): string {
  // ruleid: serialize-javascript-unsafe
  return `<script>window.CONFIG = ${serialize(config, { isJSON: true, unsafe: true })}</script>`;
}

// Output that never reaches HTML (IPC, a file, a log) is not reported.
// ok: serialize-javascript-unsafe
export const dump = (data: unknown) => serialize(data, { space: 2, unsafe: true });

// The fixed forms.
export function renderConfigSafe(config: object): string {
  // ok: serialize-javascript-unsafe
  return `<script>window.CONFIG = ${serialize(config, { isJSON: true })}</script>`;
}
// ok: serialize-javascript-unsafe
export const plain = (data: unknown) => serialize(data);
// Another serialize function with an option of the same name.
const other = { serialize: (_d: unknown, _o: { unsafe: boolean }) => '' };
// ok: serialize-javascript-unsafe
export const unrelated = other.serialize({}, { unsafe: true });
