(function () {
  'use strict';
  var params = new URLSearchParams(window.location.search);
  var message = document.getElementById('message');
  function say(className, text) { message.className = 'rs-notice ' + className; message.textContent = text; }
  if (params.get('error') === 'oidc') { say('rs-error', 'Your identity provider did not sign you in. Try again.'); }
  else if (params.has('error')) { say('rs-error', 'That username and password did not match. Try again.'); }
  else if (params.has('signedout')) { say('rs-ok', 'You have signed out.'); }
  else if (params.has('expired')) { say('', 'Your session ended. Sign in again to continue.'); }

  // the form carries the CSRF token the server hands out just before it is sent
  var form = document.getElementById('login-form');
  form.addEventListener('submit', function (e) {
    if (form.dataset.csrfReady === 'true') { return; }
    e.preventDefault();
    fetch('/console/api/csrf', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) { return r.json(); })
      .then(function (csrf) {
        var field = document.getElementById('login-csrf');
        field.name = csrf.parameterName;
        field.value = csrf.token;
        form.dataset.csrfReady = 'true';
        form.submit();
      })
      .catch(function () { say('rs-error', 'The console cannot be reached. Try again.'); });
  });
})();
