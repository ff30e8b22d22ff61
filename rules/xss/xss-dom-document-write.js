// Test code for xss-dom-document-write: document.write and fragments built from URL data.
// "Add the campaign tracking pixel for the utm_source in the URL"
const source = new URLSearchParams(location.search).get('utm_source');
// ruleid: xss-dom-document-write
document.write('<img src="/pixel.gif?src=' + source + '">');

// "Show where the visitor came from"
function showReferrer() {
  // ruleid: xss-dom-document-write
  document.writeln(`<p>Referred by ${document.referrer}</p>`);
}

function renderFragment(html) {
  const range = document.createRange();
  // ruleid: xss-dom-document-write
  return range.createContextualFragment(html);
}
document.body.append(renderFragment(window.name));

// The fixed forms and look-alikes.
function showReferrerSafe() {
  const p = document.createElement('p');
  // ok: xss-dom-document-write
  p.textContent = 'Referred by ' + document.referrer;
  document.body.append(p);
  // ok: xss-dom-document-write
  document.write('<img src="/pixel.gif?src=' + encodeURIComponent(source) + '">');
  // ok: xss-dom-document-write
  document.write('<p>Loading…</p>');
  let tag = location.hash;
  tag = '<hr>';
  // ok: xss-dom-document-write
  document.write(tag);
  // ok: xss-dom-document-write
  document.write('<p>' + Number(location.hash.slice(1)) + '</p>');
}

export { showReferrer, showReferrerSafe };
