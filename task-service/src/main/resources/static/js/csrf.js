/*
 * CSRF tokens for the portal's own requests and forms. The server protects with Spring Security's
 * single-page-application setup: a header (X-XSRF-TOKEN) must carry the raw token from the XSRF-TOKEN cookie,
 * a form field (_csrf) the masked token that GET /api/worker/csrf hands out. Asking that endpoint first also
 * makes the server (re)issue the cookie, which it rotates at sign-in.
 */
window.ReviewstreamCsrf = (function () {
  'use strict';

  function cookieToken() {
    var match = document.cookie.split('; ').filter(function (c) { return c.indexOf('XSRF-TOKEN=') === 0; })[0];
    return match ? decodeURIComponent(match.slice('XSRF-TOKEN='.length)) : null;
  }

  /** {headerName, headerToken, parameterName, parameterToken}; tokens may be empty when none is offered. */
  function get() {
    return fetch('/api/worker/csrf', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) {
        var type = r.headers.get('Content-Type') || '';
        return r.ok && type.indexOf('json') >= 0 ? r.json() : null;
      })
      .catch(function () { return null; })
      .then(function (body) {
        var raw = cookieToken();
        var masked = body && body.token ? body.token : null;
        return {
          headerName: 'X-XSRF-TOKEN',
          headerToken: raw || masked || '',
          parameterName: (body && body.parameterName) || '_csrf',
          parameterToken: masked || raw || ''
        };
      });
  }

  /** Fills the form's token field just before it is sent. */
  function protectForm(form, field) {
    form.addEventListener('submit', function (e) {
      if (form.dataset.csrfReady === 'true') { return; }
      e.preventDefault();
      get().then(function (csrf) {
        field.name = csrf.parameterName;
        field.value = csrf.parameterToken;
        form.dataset.csrfReady = 'true';
        form.submit();
      });
    });
  }

  return { get: get, cookieToken: cookieToken, protectForm: protectForm };
})();
