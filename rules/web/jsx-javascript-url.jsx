// Test code for jsx-javascript-url: links that run code, as assistants sometimes write them.

export function ShareLink({ title }) {
  // "Make the link open a share dialog with the title"
  // ruleid: jsx-javascript-url
  return <a href={`javascript:share('${title}')`}>Share</a>;
}

export function Greeting({ name }) {
  // ruleid: jsx-javascript-url
  return <a href={"javascript:alert('Hello " + name + "')"}>Say hi</a>;
}

export function Frame({ code }) {
  // ruleid: jsx-javascript-url
  return <iframe src={`javascript:${code}`} title="sandbox" />;
}

// The fixed forms.
export function ShareButton({ title }) {
  // ok: jsx-javascript-url
  return <button type="button" onClick={() => window.share?.(title)}>Share</button>;
}
// ok: jsx-javascript-url
export const Profile = ({ id }) => <a href={`/users/${id}`}>Profile</a>;
// A constant placeholder link runs no user data (and is reported by React's own warnings).
// ok: jsx-javascript-url
export const Placeholder = () => <a href="javascript:void(0)">Nothing</a>;
