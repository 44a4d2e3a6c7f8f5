// What the console's loop, dead-letter, decision, workforce and queue pages share: calls to /console/api and a few
// ways of putting data on the page. No inline script anywhere: the pages run under script-src 'self'.
'use strict';

const ConsoleApi = (() => {
  function csrfHeaders() {
    const cookie = document.cookie.split('; ').find(c => c.startsWith('CONSOLE-XSRF-TOKEN='));
    const meta = document.querySelector('meta[name="_csrf"]');
    const headerMeta = document.querySelector('meta[name="_csrf_header"]');
    if (meta && headerMeta) {
      return {[headerMeta.content]: meta.content};
    }
    return cookie ? {'X-XSRF-TOKEN': decodeURIComponent(cookie.substring('CONSOLE-XSRF-TOKEN='.length))} : {};
  }

  async function call(method, path, body) {
    const headers = {'Accept': 'application/json', ...csrfHeaders()};
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    const response = await fetch(path, {method, headers, credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body)});
    const text = await response.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch (e) {
      json = null;
    }
    if (!response.ok) {
      const message = json && (json.message || json.Message) || text || response.statusText;
      const error = new Error(message);
      error.status = response.status;
      throw error;
    }
    return json;
  }

  /** An element with attributes and children (strings become text: nothing is parsed as HTML). */
  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    Object.entries(attributes || {}).forEach(([name, value]) => {
      if (value === undefined || value === null || value === false) {
        return;
      }
      if (name === 'text') {
        node.textContent = value;
      } else if (name.startsWith('on')) {
        node.addEventListener(name.substring(2), value);
      } else {
        node.setAttribute(name, value === true ? '' : value);
      }
    });
    children.flat().forEach(child => {
      if (child !== undefined && child !== null) {
        node.append(child instanceof Node ? child : String(child));
      }
    });
    return node;
  }

  function showError(target, error) {
    target.replaceChildren(el('p', {class: 'error', role: 'alert', text: error.message}));
  }

  /** Calls {@code load} now and every {@code millis}, skipping a round while the previous one runs. */
  function every(millis, load) {
    let running = false;
    const tick = async () => {
      if (running || document.hidden) {
        return;
      }
      running = true;
      try {
        await load();
      } finally {
        running = false;
      }
    };
    tick();
    return setInterval(tick, millis);
  }

  function pretty(value) {
    return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  }

  function duration(seconds) {
    if (seconds === null || seconds === undefined) {
      return '–';
    }
    if (seconds < 120) {
      return Math.round(seconds) + ' s';
    }
    if (seconds < 7200) {
      return Math.round(seconds / 60) + ' min';
    }
    return (seconds / 3600).toFixed(1) + ' h';
  }

  return {
    get: path => call('GET', path),
    post: (path, body) => call('POST', path, body),
    del: path => call('DELETE', path),
    el, showError, every, pretty, duration
  };
})();
