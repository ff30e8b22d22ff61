// Test code for xss-dom-inner-html: DOM code that puts URL data into the page as HTML.
import DOMPurify from 'dompurify';

// "Show the search term on the results page"
const params = new URLSearchParams(window.location.search);
const heading = document.getElementById('results-heading');
// ruleid: xss-dom-inner-html
heading.textContent = 'Results for: ' + params.get('q');

// "Show a welcome message from the URL fragment"
function showWelcome() {
  const name = decodeURIComponent(location.hash.slice(1));
  // ruleid: xss-dom-inner-html
  document.querySelector('#welcome').insertAdjacentHTML('beforeend', `<b>${name}</b>`);
}

// "Receive the widget title from the parent page"
window.addEventListener('message', (event) => {
  // ruleid: xss-dom-inner-html
  document.getElementById('title').textContent = event.data.title;
});

// A named message handler registered below.
function onWidgetMessage(event) {
  // ruleid: xss-dom-inner-html
  document.getElementById('widget').textContent = event.data.body;
}
window.addEventListener('message', onWidgetMessage);

// A listener that checks where the message comes from.
window.addEventListener('message', (event) => {
  if (event.origin !== 'https://widgets.example.com') return;
  // ok: xss-dom-inner-html
  document.getElementById('trusted').innerHTML = event.data.html;
});

// A helper that renders, called with URL data.
function renderBanner(text) {
  const el = document.getElementById('banner');
  // ruleid: xss-dom-inner-html
  el.textContent += text;
}
renderBanner(new URL(document.URL).searchParams.get('banner'));

// The fixed forms and look-alikes.
function showWelcomeSafe() {
  const name = decodeURIComponent(location.hash.slice(1));
  // ok: xss-dom-inner-html
  document.querySelector('#welcome').textContent = name;
  // ok: xss-dom-inner-html
  heading.innerHTML = DOMPurify.sanitize(params.get('q'));
  // ok: xss-dom-inner-html
  heading.innerHTML = '<span class="spinner"></span>';
  // ok: xss-dom-inner-html
  heading.innerHTML = 'Page ' + Number(params.get('page'));
  let label = params.get('label');
  label = 'Results';
  // ok: xss-dom-inner-html
  heading.innerHTML = label;
}

export { showWelcome, showWelcomeSafe };
