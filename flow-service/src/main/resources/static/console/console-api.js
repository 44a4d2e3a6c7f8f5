// What the console's loop, dead-letter, decision, workforce and queue pages share: calls to /console/api and a few
// ways of putting data on the page. No inline script anywhere: the pages run under script-src 'self'.
'use strict';

const ConsoleApi = (() => {
  /** The console's one fetch wrapper (console.js); a change waits until its CSRF token is known. */
  async function call(method, path, body) {
    if (method !== 'GET') {
      await RS.signedIn;
    }
    return RS.api(path, {method, body});
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
