/*
 * The console's shared script: the navigation bar, who is signed in, a fetch wrapper that sends the CSRF token and
 * turns the server's refusals into messages, polling for live numbers, and small DOM functions. Every page
 * loads it first; a page's own script then calls RS.start(function (me) { ... }).
 */
window.RS = (function () {
  'use strict';

  var NAV = [
    ['flows.html', 'Flows'], ['task-uis.html', 'Task UIs'], ['teams.html', 'Teams'], ['loops.html', 'Loops'],
    ['queues.html', 'Queues'], ['decisions.html', 'Decisions'], ['dead-letters.html', 'Dead letters'],
    ['workforce.html', 'Workforce']
  ];
  var me = null;
  /** Who is signed in, once RS.start has asked: changes wait for it, as they carry its CSRF token. */
  var signedIn;
  var whoIsSignedIn = new Promise(function (resolve) { signedIn = resolve; });

  /** Creates an element: el('a', {href: '…', text: '…'}, [children]). */
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      var value = attrs[key];
      if (value === null || value === undefined || value === false) { return; }
      if (key === 'text') { node.textContent = value; }
      else if (key === 'className') { node.className = value; }
      else if (key.indexOf('on') === 0) { node.addEventListener(key.slice(2), value); }
      else { node.setAttribute(key, value === true ? '' : value); }
    });
    (children || []).forEach(function (child) {
      if (child !== null && child !== undefined) {
        node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
      }
    });
    return node;
  }

  function clear(node) {
    while (node.firstChild) { node.removeChild(node.firstChild); }
    return node;
  }

  /** An error the server answered: {status, code, message, fields}. */
  function ApiError(status, body) {
    this.status = status;
    this.code = (body && body.code) || 'Error';
    this.message = (body && body.message) || ('The server answered ' + status);
    this.fields = (body && body.fields) || {};
  }

  /** fetch for the console API: JSON in and out, the CSRF token on every change, refusals as ApiError. */
  function api(path, options) {
    options = options || {};
    var method = options.method || 'GET';
    var headers = { Accept: 'application/json' };
    if (method !== 'GET' && me) { headers[me.csrf.headerName] = me.csrf.token; }
    var body;
    if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    }
    return fetch(path, { method: method, headers: headers, body: body, credentials: 'same-origin' })
      .then(function (response) {
        if (response.status === 401) {
          window.location.href = '/console/login.html?expired';
          throw new ApiError(401, { code: 'NotSignedIn', message: 'Sign in again' });
        }
        return response.text().then(function (text) {
          var json = null;
          try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
          if (!response.ok) { throw new ApiError(response.status, json); }
          return json;
        });
      });
  }

  /** Shows an error (ApiError or any other) in the page's message area, and each field's message next to it. */
  function showError(error, form) {
    var box = document.getElementById('message');
    if (box) {
      box.className = 'rs-notice rs-error';
      box.textContent = error && error.message ? error.message : String(error);
    }
    if (form) { fieldErrors(form, error); }
  }

  function showOk(text) {
    var box = document.getElementById('message');
    if (box) {
      box.className = 'rs-notice rs-ok';
      box.textContent = text;
    }
  }

  /** Places error.fields' messages under the form's inputs with a matching data-member. */
  function fieldErrors(form, error) {
    Array.prototype.forEach.call(form.querySelectorAll('.rs-field-error'), function (n) { n.remove(); });
    var fields = (error && error.fields) || {};
    var unplaced = [];
    Object.keys(fields).forEach(function (member) {
      var input = form.querySelector('[data-member="' + member + '"]');
      var note = el('div', { className: 'rs-field-error', role: 'alert', 'data-for': member, text: fields[member] });
      if (input) { input.insertAdjacentElement('afterend', note); input.setAttribute('aria-invalid', 'true'); }
      else { unplaced.push(note); }
    });
    var fallback = form.querySelector('[data-member="*"]');
    unplaced.forEach(function (note) { (fallback || form).insertAdjacentElement('afterend', note); });
  }

  /** Calls load now and every intervalMs while the page is visible; returns a function that stops it. */
  function poll(load, intervalMs) {
    var timer = null;
    var stopped = false;
    function tick() {
      if (stopped) { return; }
      Promise.resolve(document.hidden ? null : load()).catch(function () { return null; })
        .then(function () { if (!stopped) { timer = setTimeout(tick, intervalMs); } });
    }
    tick();
    return function () { stopped = true; clearTimeout(timer); };
  }

  /** The page's query parameters; and setting them, so that the address can be shared. */
  function params() { return new URLSearchParams(window.location.search); }

  function setParams(values) {
    var query = new URLSearchParams();
    Object.keys(values).forEach(function (key) {
      if (values[key] !== null && values[key] !== undefined && values[key] !== '') { query.set(key, values[key]); }
    });
    var text = query.toString();
    history.replaceState(null, '', window.location.pathname + (text ? '?' + text : ''));
  }

  function nav() {
    var bar = document.getElementById('console-nav');
    if (!bar) { return; }
    var here = window.location.pathname.split('/').pop();
    var links = NAV.map(function (item) {
      return el('li', {}, [el('a', { href: '/console/' + item[0], text: item[1],
        'aria-current': here === item[0] || (here === 'flow.html' && item[0] === 'flows.html')
          || (here === 'loop.html' && item[0] === 'loops.html') ? 'page' : null })]);
    });
    var signOut = el('form', { method: 'post', action: '/console/logout', className: 'rs-signout' }, [
      el('input', { type: 'hidden', name: me.csrf.parameterName, value: me.csrf.token }),
      el('span', { className: 'rs-user', id: 'console-user', text: me.user + ' (' + me.role + ')' }),
      el('button', { type: 'submit', className: 'rs-button', text: 'Sign out' })
    ]);
    clear(bar).appendChild(el('a', { href: '/console/loops.html', className: 'rs-brand', text: 'Reviewstream console' }));
    bar.appendChild(el('ul', {}, links));
    bar.appendChild(signOut);
  }

  /** Loads who is signed in, draws the navigation, shows or hides change controls, then runs the page. */
  function start(page) {
    api('/console/api/me').then(function (who) {
      me = who;
      signedIn(who);
      document.body.classList.toggle('can-change', !!who.canChange);
      nav();
      page(who);
    }).catch(function (error) {
      if (error.status === 403) {
        document.body.classList.add('refused');
        clear(document.querySelector('main')).appendChild(el('p', { className: 'rs-notice rs-error', role: 'alert',
          id: 'message', text: error.message }));
      } else {
        showError(error);
      }
    });
  }

  function time(iso) { return iso ? iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z') : ''; }

  function enc(text) { return encodeURIComponent(text); }

  return {
    el: el, clear: clear, api: api, showError: showError, showOk: showOk, fieldErrors: fieldErrors, poll: poll,
    params: params, setParams: setParams, start: start, time: time, enc: enc,
    me: function () { return me; },
    signedIn: whoIsSignedIn
  };
})();
