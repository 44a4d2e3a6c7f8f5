/*
 * The worker page shell around a rendered template: lease countdown, release, instructions, and submitting
 * the crowd-form's answer to the worker API with the CSRF token.
 */
(function () {
  'use strict';
  var shell = document.getElementById('rs-task');
  if (!shell) { return; }
  // third-party scripts the template names load only from the origins the operator allows
  Array.prototype.forEach.call(document.querySelectorAll('script[data-blocked-src]'), function (s) {
    console.warn('Reviewstream did not load the script ' + s.getAttribute('data-blocked-src')
      + ': its origin is not in reviewstream.portal.script-origins');
  });
  var data = shell.dataset;
  var status = document.getElementById('rs-task-status');
  var countdown = document.getElementById('rs-countdown');
  var deadline = data.leaseDeadline ? Date.parse(data.leaseDeadline) : NaN;
  var expired = false;

  function say(message, kind) {
    status.textContent = message;
    status.className = 'rs-task-status' + (kind ? ' rs-' + kind : '');
  }

  /**
   * The page carries the server's token; where the server issues the XSRF-TOKEN cookie for its header, the header
   * must echo that cookie's raw value (Spring Security's single-page-application handling), so it wins.
   */
  function csrfValue() {
    if (String(data.csrfHeader).toUpperCase() === 'X-XSRF-TOKEN') {
      var cookie = document.cookie.split('; ').filter(function (c) { return c.indexOf('XSRF-TOKEN=') === 0; })[0];
      if (cookie) { return decodeURIComponent(cookie.slice('XSRF-TOKEN='.length)); }
    }
    return data.csrfToken;
  }

  function headers(extra) {
    var hs = { 'Accept': 'application/json' };
    if (data.csrfHeader && csrfValue()) { hs[data.csrfHeader] = csrfValue(); }
    Object.keys(extra || {}).forEach(function (k) { hs[k] = extra[k]; });
    return hs;
  }

  function submitButtons() { return Array.prototype.slice.call(document.querySelectorAll('crowd-button[form-action="submit"]')); }

  function setBusy(busy) {
    submitButtons().forEach(function (b) { if (busy) { b.setAttribute('loading', ''); } else { b.removeAttribute('loading'); } });
  }

  function format(ms) {
    var s = Math.max(0, Math.floor(ms / 1000));
    var hours = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
    var two = function (n) { return (n < 10 ? '0' : '') + n; };
    return (hours ? hours + ':' + two(m) : m) + ':' + two(sec);
  }

  function tick() {
    if (isNaN(deadline)) { countdown.textContent = 'no limit'; return; }
    var left = deadline - Date.now();
    countdown.textContent = format(left);
    shell.classList.toggle('rs-lease-low', left > 0 && left < 60000);
    if (left <= 0 && !expired) {
      expired = true;
      shell.classList.add('rs-lease-expired');
      submitButtons().forEach(function (b) { b.setAttribute('disabled', ''); });
      say('Your time for this task has run out. The task went back to the queue; your answer can no longer be submitted.', 'error');
    }
  }

  function errorText(response, body) {
    var detail = body && (body.message || body.error || body.Message);
    if (response.status === 409) { return 'This task is no longer assigned to you (its lease ended or it was stopped). Your answer was not recorded.'; }
    if (response.status === 403 && body && body.error === 'NotYourTask') { return 'This task is assigned to another worker. Your answer was not recorded.'; }
    if (response.status === 401 || response.status === 403) { return 'Your session has ended. Sign in again and reopen the task.'; }
    if (response.status === 404) { return 'This task no longer exists.'; }
    return 'Submitting failed (' + response.status + ')' + (detail ? ': ' + detail : '') + '. Try again.';
  }

  function readBody(response) {
    return response.text().then(function (t) { try { return t ? JSON.parse(t) : null; } catch (e) { return null; } });
  }

  function goToQueue(param) {
    var url = new URL(data.queueUrl || '/', window.location.href);
    url.searchParams.set(param, data.taskId);
    window.location.assign(url.toString());
  }

  document.addEventListener('crowd-submit', function (e) {
    e.preventDefault();
    if (expired) { return; }
    setBusy(true);
    say('Submitting your answer\u2026');
    fetch(data.answerUrl, { method: 'POST', credentials: 'same-origin', headers: headers({ 'Content-Type': 'application/json' }),
      body: JSON.stringify({ answerContent: e.detail.answerContent }) })
      .then(function (response) {
        if (response.ok) { say('Answer submitted. Thank you!', 'ok'); goToQueue('submitted'); return null; }
        return readBody(response).then(function (body) { setBusy(false); say(errorText(response, body), 'error'); });
      })
      .catch(function () { setBusy(false); say('The network is unavailable; your answer was not sent. Try again.', 'error'); });
  });

  var release = document.getElementById('rs-release');
  if (release) {
    if (!data.releaseUrl) { release.hidden = true; }
    release.addEventListener('click', function () {
      if (!window.confirm('Give this task back to the queue? Anything you entered will be lost.')) { return; }
      release.disabled = true;
      fetch(data.releaseUrl, { method: 'POST', credentials: 'same-origin', headers: headers() })
        .then(function (response) {
          if (response.ok || response.status === 409) { goToQueue('released'); return null; }
          return readBody(response).then(function (body) { release.disabled = false; say(errorText(response, body), 'error'); });
        })
        .catch(function () { release.disabled = false; say('The network is unavailable. Try again.', 'error'); });
    });
  }

  var showInstructions = document.getElementById('rs-show-instructions');
  if (showInstructions) {
    showInstructions.addEventListener('click', function () {
      var dialog = document.getElementById('rs-instructions');
      if (!dialog) {
        dialog = document.createElement('dialog');
        dialog.id = 'rs-instructions';
        dialog.className = 'crowd-dialog';
        dialog.setAttribute('aria-labelledby', 'rs-instructions-title');
        var head = document.createElement('div');
        head.className = 'crowd-dialog-head';
        var title = document.createElement('h2');
        title.id = 'rs-instructions-title';
        title.textContent = 'Instructions';
        var close = document.createElement('button');
        close.type = 'button';
        close.className = 'crowd-dialog-close';
        close.setAttribute('aria-label', 'Close');
        close.textContent = '\u2715';
        close.addEventListener('click', function () { dialog.close(); });
        head.appendChild(title);
        head.appendChild(close);
        var body = document.createElement('div');
        body.className = 'crowd-dialog-body';
        var parts = document.querySelectorAll('#rs-task-content .crowd-instructions-content');
        if (!parts.length) { body.textContent = 'This task has no written instructions.'; }
        Array.prototype.forEach.call(parts, function (part) {
          var section = document.createElement('section');
          var h = document.createElement('h3');
          h.textContent = part.getAttribute('data-header') || 'Instructions';
          section.appendChild(h);
          var copy = part.cloneNode(true);
          copy.removeAttribute('class');
          Array.prototype.forEach.call(copy.querySelectorAll('[id]'), function (n) { n.removeAttribute('id'); });
          section.appendChild(copy);
          body.appendChild(section);
        });
        dialog.appendChild(head);
        dialog.appendChild(body);
        document.body.appendChild(dialog);
      }
      dialog.showModal();
    });
  }

  tick();
  setInterval(tick, 1000);
})();
