// Live refresh, and nothing else: the pages are complete without this file. On each server-sent
// "update" (a new commit, deploy or drift check) the current page is fetched again and its <main>
// replaced, keeping focus and the scroll position; the footer says when it last changed.
(function () {
  'use strict';
  if (!('EventSource' in window) || !window.fetch || !window.DOMParser) return;
  var status = document.getElementById('live-status');
  var say = function (text) { if (status) status.textContent = text; };
  var refreshing = false;
  var again = false;
  function refresh() {
    if (refreshing) { again = true; return; }
    refreshing = true;
    fetch(window.location.href, { credentials: 'same-origin', headers: { accept: 'text/html' } })
      .then(function (response) { if (!response.ok) throw new Error(String(response.status)); return response.text(); })
      .then(function (html) {
        var next = new DOMParser().parseFromString(html, 'text/html');
        var main = document.getElementById('main');
        var fresh = next.getElementById('main');
        if (!main || !fresh) return;
        var focused = document.activeElement && document.activeElement.id;
        var open = Array.prototype.map.call(main.querySelectorAll('details[open] summary'), function (s) { return s.textContent; });
        main.innerHTML = fresh.innerHTML;
        Array.prototype.forEach.call(main.querySelectorAll('details summary'), function (s) {
          if (open.indexOf(s.textContent) >= 0) s.parentNode.open = true;
        });
        if (focused) { var el = document.getElementById(focused); if (el) el.focus(); }
        document.body.setAttribute('data-version', next.body.getAttribute('data-version') || '');
        say('Updated ' + new Date().toLocaleTimeString());
      })
      .catch(function () { say('Could not refresh; reload the page'); })
      .then(function () { refreshing = false; if (again) { again = false; refresh(); } });
  }
  var source = new EventSource('/api/v1/events');
  source.addEventListener('update', function (event) {
    var data = {};
    try { data = JSON.parse(event.data); } catch (e) { return; }
    if (data.version && data.version !== document.body.getAttribute('data-version')) refresh();
  });
  source.addEventListener('open', function () { say('Live'); });
  source.addEventListener('error', function () { say('Live updates paused; retrying'); });
}());
