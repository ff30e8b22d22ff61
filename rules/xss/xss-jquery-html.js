// Test code for xss-jquery-html: jQuery code that parses URL data as HTML.
/* global $, jQuery */
const params = new URLSearchParams(window.location.search);

// "Show the search term above the results"
// ruleid: xss-jquery-html
$('#results-title').html('Results for ' + params.get('q'));

// "Open the tab named in the hash" — $(location.hash) parses HTML too
// ruleid: xss-jquery-html
$(location.hash).addClass('active');

function addNotice(text) {
  const $list = $('#notices');
  // ruleid: xss-jquery-html
  $list.append('<li>' + text + '</li>');
}
addNotice(decodeURIComponent(window.location.hash.substring(1)));

// The fixed forms and look-alikes.
// ok: xss-jquery-html
$('#results-title').text('Results for ' + params.get('q'));
// ok: xss-jquery-html
$('<li>').text(params.get('q')).appendTo('#notices');
// ok: xss-jquery-html
$('#count').html('<b>' + Number(params.get('n')) + '</b>');
let label = params.get('label');
label = 'Results';
// ok: xss-jquery-html
jQuery('#results-title').html(label);
// ok: xss-jquery-html
$('#spinner').html('<span class="spinner"></span>');
