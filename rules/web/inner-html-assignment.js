// Test code for inner-html-assignment: plain DOM code as assistants write it.
import DOMPurify from 'dompurify';

// "Show the search term on the results page"
const params = new URLSearchParams(window.location.search);
const heading = document.getElementById('results-heading');
// ruleid: inner-html-assignment
heading.innerHTML = 'Results for: ' + params.get('q');

// "Render the comments from the API"
async function renderComments(list) {
  const comments = await fetch('/api/comments').then((r) => r.json());
  for (const c of comments) {
    // ruleid: inner-html-assignment
    list.innerHTML += `<li><b>${c.author}</b>: ${c.text}</li>`;
  }
}

// "Add a toast notification"
function showToast(message) {
  // ruleid: inner-html-assignment
  document.body.insertAdjacentHTML('beforeend', `<div class="toast">${message}</div>`);
}

// The fixed forms.
function showToastSafe(message) {
  const toast = document.createElement('div');
  toast.className = 'toast';
  // ok: inner-html-assignment
  toast.textContent = message;
  document.body.append(toast);
}

function renderBio(el, bioHtml) {
  // ok: inner-html-assignment
  el.innerHTML = DOMPurify.sanitize(bioHtml);
}

// Clearing or writing fixed markup.
// ok: inner-html-assignment
heading.innerHTML = '';
// ok: inner-html-assignment
document.getElementById('spinner').innerHTML = `<span class="spinner" aria-label="Loading"></span>`;

export { renderComments, showToast, showToastSafe, renderBio };
