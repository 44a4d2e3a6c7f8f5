(function () {
  'use strict';
  var params = new URLSearchParams(window.location.search);
  var message = document.getElementById('login-message');
  if (params.get('error') === 'oidc') {
    message.className = 'rs-notice rs-error';
    message.textContent = 'Your identity provider did not sign you in. Open the portal again to retry.';
  } else if (params.has('error')) {
    message.className = 'rs-notice rs-error';
    message.textContent = 'That username and password did not match. Try again.';
  } else if (params.has('logout') || params.has('signedout')) {
    message.className = 'rs-notice rs-ok';
    message.textContent = 'You have signed out.';
  } else if (params.has('expired')) {
    message.className = 'rs-notice';
    message.textContent = 'Your session ended. Sign in again to continue.';
  }
  window.ReviewstreamCsrf.protectForm(document.getElementById('login-form'), document.getElementById('login-csrf'));
})();
