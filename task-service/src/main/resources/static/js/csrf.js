/*
 * The CSRF token for the portal's own requests. Spring Security hands it to browser code in the XSRF-TOKEN
 * cookie (header X-XSRF-TOKEN); where that cookie is not used, GET /api/worker/csrf returns
 * {headerName, parameterName, token}.
 */
window.ReviewstreamCsrf = (function () {
  'use strict';
  var cached = null;

  function fromCookie() {
    var match = document.cookie.split('; ').filter(function (c) { return c.indexOf('XSRF-TOKEN=') === 0; })[0];
    if (!match) { return null; }
    return { headerName: 'X-XSRF-TOKEN', parameterName: '_csrf', token: decodeURIComponent(match.slice('XSRF-TOKEN='.length)) };
  }

  function get() {
    var cookie = fromCookie();
    if (cookie) { return Promise.resolve(cookie); }
    if (cached) { return Promise.resolve(cached); }
    return fetch('/api/worker/csrf', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (body) {
        cached = body && body.token ? body : null;
        return cached || fromCookie() || { headerName: 'X-XSRF-TOKEN', parameterName: '_csrf', token: '' };
      })
      .catch(function () { return { headerName: 'X-XSRF-TOKEN', parameterName: '_csrf', token: '' }; });
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
