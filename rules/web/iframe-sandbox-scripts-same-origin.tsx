// Test code for iframe-sandbox-scripts-same-origin: previews of user HTML in React.

export function HtmlPreview({ html }: { html: string }) {
  // "Show a preview of the user's HTML in a sandboxed iframe"
  // ruleid: iframe-sandbox-scripts-same-origin
  return <iframe title="preview" srcDoc={html} sandbox="allow-scripts allow-same-origin allow-forms" />;
}

export function Widget({ src }: { src: string }) {
  // ruleid: iframe-sandbox-scripts-same-origin
  return <iframe title="widget" src={src} sandbox={'allow-same-origin allow-popups allow-scripts'} />;
}

export function Embed({ src }: { src: string }) {
  // ruleid: iframe-sandbox-scripts-same-origin
  return <iframe title="embed" src={src} sandbox={`allow-scripts allow-same-origin`} />;
}

// The fixed forms.
export function HtmlPreviewSafe({ html }: { html: string }) {
  // ok: iframe-sandbox-scripts-same-origin
  return <iframe title="preview" srcDoc={html} sandbox="allow-scripts" />;
}
// ok: iframe-sandbox-scripts-same-origin
export const Static = ({ src }: { src: string }) => <iframe title="doc" src={src} sandbox="allow-same-origin" />;
// ok: iframe-sandbox-scripts-same-origin
export const Locked = ({ src }: { src: string }) => <iframe title="doc" src={src} sandbox="" />;
