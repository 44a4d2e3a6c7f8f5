/*
 * The CSRF token for the portal's own requests and forms. GET /api/worker/csrf answers
 * {headerName, parameterName, token} in the form the server expects; where it is not offered, the
 * XSRF-TOKEN cookie (header X-XSRF-TOKEN, parameter _csrf) is used.
 */
window.ReviewstreamCsrf = (function () {
  'use strict';
  var FALLBACK = { headerName: 'X-XSRF-TOKEN', parameterName: '_csrf', token: '' };

  function fromCookie() {
    var match = document.cookie.split('; ').filter(function (c) { return c.indexOf('XSRF-TOKEN=') === 0; })[0];
    if (!match) { return null; }
    return { headerName: FALLBACK.headerName, parameterName: FALLBACK.parameterName,
      token: decodeURIComponent(match.slice('XSRF-TOKEN='.length)) };
  }

  /** Fetched fresh each time: the server may rotate the token when the session changes (sign-in). */
  function get() {
    return fetch('/api/worker/csrf', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) {
        var type = r.headers.get('Content-Type') || '';
        return r.ok && type.indexOf('json') >= 0 ? r.json() : null;
      })
      .catch(function () { return null; })
      .then(function (body) { return body && body.token ? body : fromCookie() || FALLBACK; });
  }

  /** Fills the form's token field just before it is sent. */
  function protectForm(form, field) {
    form.addEventListener('submit', function (e) {
      if (form.dataset.csrfReady === 'true') { return; }
      e.preventDefault();
      get().then(function (csrf) {
        field.name = csrf.parameterName || '_csrf';
        field.value = csrf.token;
        form.dataset.csrfReady = 'true';
        form.submit();
      });
    });
  }

  return { get: get, protectForm: protectForm };
})();
