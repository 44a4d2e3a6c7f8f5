/*
 * Reviewstream crowd elements: the crowd-* web components of A2I worker templates, as plain custom elements.
 * Each answer element contributes to answerContent the exact shape A2I documents; crowd-form collects them.
 * Elements render into the light DOM so templates' own CSS and scripts see ordinary elements.
 */
(function () {
  'use strict';

  // ---------------------------------------------------------------- lifecycle
  // Elements are defined before the body is parsed, so connectedCallback runs before an element's children
  // exist. Initialisation waits for the parsed document, then all-crowd-elements-ready fires once.
  var pending = [];
  var parsed = document.readyState !== 'loading';

  function whenParsed(fn) {
    if (parsed) { fn(); } else { pending.push(fn); }
  }

  function announceReady() {
    document.dispatchEvent(new CustomEvent('all-crowd-elements-ready', { bubbles: true }));
  }

  function onParsed() {
    if (parsed) { return; }
    parsed = true;
    wrapOrphanAnswerElements();
    var queue = pending.splice(0);
    for (var i = 0; i < queue.length; i++) {
      try { queue[i](); } catch (e) { console.error('crowd element failed to initialise', e); }
    }
    announceReady();
  }

  // ---------------------------------------------------------------- helpers
  function h(tag, attrs) {
    var el = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === undefined || v === null || v === false) { return; }
        if (k === 'text') { el.textContent = v; }
        else if (k === 'className') { el.className = v; }
        else if (k.slice(0, 2) === 'on' && typeof v === 'function') { el.addEventListener(k.slice(2), v); }
        else { el.setAttribute(k, v === true ? '' : v); }
      });
    }
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined) { continue; }
      el.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    }
    return el;
  }

  var uid = 0;
  function nextId(prefix) { uid += 1; return 'crowd-' + prefix + '-' + uid; }

  /**
   * Attribute JSON as templates write it: proper JSON, or the JavaScript literals of the element documentation and
   * A2I's own templates: single-quoted strings, unquoted keys, trailing commas, comments
   * ([{ name: 'Suggestive', parentName: "", }, ]). Read by a parser of literals only, never evaluated: an attribute
   * cannot run code, and the page's Content Security Policy forbids eval anyway.
   */
  function parseJsonAttr(text, fallback) {
    if (text === null || text === undefined || String(text).trim() === '') { return fallback; }
    try { return JSON.parse(text); } catch (e) { /* not strict JSON: read it as a JavaScript literal */ }
    try { return parseJsLiteral(String(text)); } catch (e) {
      console.warn('crowd element: cannot parse attribute value as JSON', text, e.message);
      return fallback;
    }
  }

  var JS_ESCAPES = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', 0: '\0' };
  var MAX_LITERAL_DEPTH = 500;

  function parseJsLiteral(src) {
    var i = 0;
    function fail(what) { throw new SyntaxError(what + ' at position ' + i); }
    function skip() {
      for (;;) {
        var c = src.charAt(i);
        if (c === '/' && src.charAt(i + 1) === '/') {
          var nl = src.indexOf('\n', i);
          i = nl < 0 ? src.length : nl + 1;
        } else if (c === '/' && src.charAt(i + 1) === '*') {
          var close = src.indexOf('*/', i + 2);
          if (close < 0) { fail('unterminated comment'); }
          i = close + 2;
        } else if (c !== '' && /\s/.test(c)) {
          i += 1;
        } else {
          return;
        }
      }
    }
    function string() {
      var quote = src.charAt(i);
      var out = '';
      i += 1;
      while (i < src.length) {
        var c = src.charAt(i);
        if (c === quote) { i += 1; return out; }
        if (c === '\\') {
          var e = src.charAt(i + 1);
          if (e === 'u') {
            var braced = src.charAt(i + 2) === '{';
            var hex = braced ? src.slice(i + 3, src.indexOf('}', i)) : src.slice(i + 2, i + 6);
            if (!(braced ? /^[0-9a-fA-F]{1,6}$/ : /^[0-9a-fA-F]{4}$/).test(hex) || parseInt(hex, 16) > 0x10FFFF) {
              fail('bad unicode escape');
            }
            out += String.fromCodePoint(parseInt(hex, 16));
            i += braced ? hex.length + 4 : 6;
          } else if (e === 'x') {
            var two = src.slice(i + 2, i + 4);
            if (!/^[0-9a-fA-F]{2}$/.test(two)) { fail('bad hex escape'); }
            out += String.fromCharCode(parseInt(two, 16));
            i += 4;
          } else if (e === '\r' || e === '\n' || e === '\u2028' || e === '\u2029') {
            i += (e === '\r' && src.charAt(i + 2) === '\n') ? 3 : 2;
          } else {
            out += Object.prototype.hasOwnProperty.call(JS_ESCAPES, e) ? JS_ESCAPES[e] : e;
            i += 2;
          }
        } else if (c === '\n' || c === '\r') {
          fail('line break in string');
        } else {
          out += c;
          i += 1;
        }
      }
      return fail('unterminated string');
    }
    function word() {
      var m = /^[A-Za-z_$][\w$]*/.exec(src.slice(i));
      if (!m) { fail('unexpected character'); }
      i += m[0].length;
      return m[0];
    }
    function number() {
      var m = /^[+-]?(0[xX][0-9a-fA-F]+|Infinity|(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)/.exec(src.slice(i));
      if (!m) { fail('bad number'); }
      i += m[0].length;
      return Number(m[0].replace(/^\+/, ''));
    }
    function key() {
      var c = src.charAt(i);
      if (c === '"' || c === "'") { return string(); }
      if (/[\d.]/.test(c)) { return String(number()); }
      return word();
    }
    function value(depth) {
      if (depth > MAX_LITERAL_DEPTH) { fail('nested too deeply'); }
      skip();
      var c = src.charAt(i);
      if (c === '{') {
        // own properties only, so a key such as __proto__ is data, as JSON.parse makes it
        var obj = {};
        i += 1;
        for (;;) {
          skip();
          if (src.charAt(i) === '}') { i += 1; return obj; }
          var k = key();
          skip();
          if (src.charAt(i) !== ':') { fail('expected :'); }
          i += 1;
          Object.defineProperty(obj, k, { value: value(depth + 1), writable: true, enumerable: true, configurable: true });
          skip();
          if (src.charAt(i) === ',') { i += 1; } else if (src.charAt(i) !== '}') { fail('expected , or }'); }
        }
      }
      if (c === '[') {
        var arr = [];
        i += 1;
        for (;;) {
          skip();
          if (src.charAt(i) === ']') { i += 1; return arr; }
          arr.push(value(depth + 1));
          skip();
          if (src.charAt(i) === ',') { i += 1; } else if (src.charAt(i) !== ']') { fail('expected , or ]'); }
        }
      }
      if (c === '"' || c === "'") { return string(); }
      if (/[\d.+-]/.test(c)) { return number(); }
      var w = word();
      if (w === 'true') { return true; }
      if (w === 'false') { return false; }
      if (w === 'null' || w === 'undefined') { return null; }
      if (w === 'Infinity' || w === 'NaN') { return w === 'NaN' ? NaN : Infinity; }
      return fail('unexpected ' + w);
    }
    var result = value(0);
    skip();
    if (i < src.length) { fail('unexpected text after the value'); }
    return result;
  }

  function moveChildren(from, to) {
    while (from.firstChild) { to.appendChild(from.firstChild); }
    return to;
  }

  function labelText(category) {
    if (category === null || category === undefined) { return ''; }
    if (typeof category === 'object') { return String(category.name || category.label || category.text || ''); }
    return String(category);
  }

  var PALETTE = ['#2ca02c', '#1f77b4', '#d62728', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf',
    '#bcbd22', '#7f7f7f', '#ffbb78', '#98df8a', '#aec7e8', '#ff9896', '#c5b0d5', '#c49c94'];

  // ---------------------------------------------------------------- shadowRoot
  /**
   * Class names of A2I's own element internals that published templates reach for through shadowRoot, given to
   * the matching parts here (the instructions pane, the instructions dialog, a drawing canvas).
   */
  var A2I_PARTS = { instructionsPane: 'awsui-app-layout__navigation', modal: 'awsui-modal-dialog', canvas: 'upper-canvas' };
  /** Marks the crowd-form the page puts around elements that, on A2I, bring their own form in their shadow tree. */
  var IMPLICIT_FORM = 'data-crowd-implicit-form';

  /**
   * A2I's elements render into open shadow roots, and templates reach in: el.shadowRoot.querySelector('…').
   * These render into the light DOM, so that a template's CSS applies; each has an open shadow root that only
   * holds a slot (its children show exactly as before) and whose searches look at what the element rendered,
   * plus the form the page put around it when the template had none.
   */
  function attachRenderingView(host) {
    if (host.shadowRoot) { return; }
    var root = host.attachShadow({ mode: 'open' });
    root.appendChild(document.createElement('slot'));
    root.querySelectorAll = function (selectors) {
      var found = Array.prototype.slice.call(host.querySelectorAll(selectors));
      var form = host.closest('crowd-form[' + IMPLICIT_FORM + ']');
      if (form && form.matches(selectors)) { found.unshift(form); }
      return found;
    };
    root.querySelector = function (selectors) { return root.querySelectorAll(selectors)[0] || null; };
    root.getElementById = function (id) { return root.querySelector('#' + CSS.escape(id)); };
  }

  // ---------------------------------------------------------------- base classes
  class CrowdElement extends HTMLElement {
    connectedCallback() {
      if (this._crowdStarted) { return; }
      this._crowdStarted = true;
      attachRenderingView(this);
      var self = this;
      whenParsed(function () {
        if (!self.isConnected || self._crowdReady) { return; }
        self._crowdReady = true;
        self.init();
      });
    }
    init() {}
    attr(name, fallback) { var v = this.getAttribute(name); return v === null ? fallback : v; }
    jsonAttr(name, fallback) { return parseJsonAttr(this.getAttribute(name), fallback); }
    flag(name) { return this.hasAttribute(name) && this.getAttribute(name) !== 'false'; }
    get name() { return this.getAttribute('name'); }
    set name(v) { this.setAttribute('name', v); }
  }

  /** Takes region children (full-instructions, …) out of an element before it renders its own UI. */
  function takeRegions(el, names) {
    var found = {};
    Array.prototype.slice.call(el.children).forEach(function (child) {
      var tag = child.tagName.toLowerCase();
      if (names.indexOf(tag) >= 0 && !found[tag]) {
        found[tag] = child;
        child.remove();
      }
    });
    return found;
  }

  var instructionDialogs = 0;
  /** A dialog with the region's content; returns the button that opens it. */
  function dialogButton(text, header, content, buttonClass) {
    instructionDialogs += 1;
    var titleId = 'crowd-dialog-title-' + instructionDialogs;
    var body = h('div', { className: 'crowd-dialog-body crowd-instructions-content', 'data-header': header || text });
    moveChildren(content, body);
    var dialog = h('dialog', { className: 'crowd-dialog ' + A2I_PARTS.modal, 'aria-labelledby': titleId },
      h('div', { className: 'crowd-dialog-head' },
        h('h2', { id: titleId, text: header || text }),
        h('button', { type: 'button', className: 'crowd-dialog-close', 'aria-label': 'Close', text: '\u2715',
          onclick: function () { dialog.close(); } })),
      body);
    var button = h('button', { type: 'button', className: buttonClass || 'crowd-link-button', text: text,
      onclick: function () { if (!dialog.open) { dialog.showModal(); } } });
    var wrap = h('span', { className: 'crowd-dialog-host' }, button, dialog);
    return wrap;
  }

  /**
   * The two-column layout that task elements share: instructions on the side, the work in the middle.
   * Returns {root, main, side}.
   */
  function taskLayout(el, header, regions) {
    var side = h('aside', { className: 'crowd-side ' + A2I_PARTS.instructionsPane, 'aria-label': 'Instructions' });
    var shortR = regions['short-instructions'];
    var fullR = regions['full-instructions'];
    if (shortR) {
      var shortBox = h('section', { className: 'crowd-short-instructions crowd-instructions-content',
        'data-header': shortR.getAttribute('header') || 'Instructions' },
        h('h3', { text: shortR.getAttribute('header') || 'Instructions' }));
      moveChildren(shortR, shortBox);
      side.appendChild(shortBox);
    }
    if (fullR) {
      side.appendChild(dialogButton('View full instructions', fullR.getAttribute('header') || 'Full instructions', fullR));
    }
    var main = h('section', { className: 'crowd-main' });
    if (header) { main.appendChild(h('h2', { className: 'crowd-header', text: header })); }
    var root = h('div', { className: 'crowd-layout' + (shortR || fullR ? ' crowd-with-side' : '') }, side, main);
    el.appendChild(root);
    return { root: root, main: main, side: side };
  }

  var TASK_REGIONS = ['full-instructions', 'short-instructions', 'classification-target', 'worker-comment'];

  function invalid(el, message, focusTarget) {
    el.setAttribute('invalid', '');
    return { element: el, message: message, focus: focusTarget || el };
  }

  // ---------------------------------------------------------------- crowd-form
  class CrowdForm extends CrowdElement {
    init() {
      this.setAttribute('role', 'form');
      var hasSubmit = this.querySelector('crowd-button[form-action="submit"], button[type="submit"], input[type="submit"]');
      if (!hasSubmit) {
        var submit = document.createElement('crowd-button');
        submit.setAttribute('form-action', 'submit');
        submit.setAttribute('variant', 'primary');
        submit.textContent = 'Submit';
        submit.className = 'crowd-auto-submit';
        this.appendChild(submit);
      }
      this._errors = h('div', { className: 'crowd-form-errors', role: 'alert', 'aria-live': 'assertive' });
      this.appendChild(this._errors);
      var self = this;
      // native submit buttons behave as in a form
      this.addEventListener('click', function (e) {
        var t = e.target.closest && e.target.closest('button[type="submit"], input[type="submit"]');
        if (t && self.contains(t) && !t.closest('crowd-button')) { e.preventDefault(); self.submit(); }
      });
    }

    /** A2I's crowd-form keeps its controls in an inner form; templates append questions to it (el.form). */
    get form() { return this; }

    /** The answerContent this form would submit now. */
    serialize() {
      var out = {};
      var all = this.querySelectorAll('*');
      for (var i = 0; i < all.length; i++) {
        var el = all[i];
        if (typeof el.crowdAnswer === 'function') {
          if (!el._crowdReady) { continue; }
          mergeAnswer(out, el.crowdAnswer());
        } else if (isNativeControl(el)) {
          mergeAnswer(out, nativeAnswer(el));
        }
      }
      return out;
    }

    validate() {
      var problems = [];
      var all = this.querySelectorAll('*');
      for (var i = 0; i < all.length; i++) {
        var el = all[i];
        if (typeof el.crowdValidate === 'function' && el._crowdReady) {
          el.removeAttribute('invalid');
          var p = el.crowdValidate();
          if (p) { problems.push(p); }
        } else if (isNativeControl(el) && typeof el.checkValidity === 'function' && !el.checkValidity()) {
          problems.push({ element: el, message: el.validationMessage, focus: el });
        }
      }
      return problems;
    }

    /** Runs the template's onsubmit hooks, validates, and hands the answer on (see crowd-submit). */
    submit() {
      this._errors.textContent = '';
      var hook = new Event('submit', { cancelable: true, bubbles: false });
      if (!this.dispatchEvent(hook)) { return false; }
      var problems = this.validate();
      if (problems.length) {
        var list = h('ul');
        problems.forEach(function (p) { list.appendChild(h('li', { text: p.message })); });
        this._errors.appendChild(h('p', { text: 'Please complete the task before submitting:' }));
        this._errors.appendChild(list);
        var f = problems[0].focus;
        if (f && typeof f.focus === 'function') { f.focus(); }
        return false;
      }
      var answerContent = this.serialize();
      this.lastSubmission = answerContent;
      this.dispatchEvent(new CustomEvent('crowd-submit', { bubbles: true, cancelable: true,
        detail: { answerContent: answerContent } }));
      return true;
    }

    reset() {
      var all = this.querySelectorAll('*');
      for (var i = 0; i < all.length; i++) {
        if (typeof all[i].crowdReset === 'function') { all[i].crowdReset(); }
      }
    }
  }

  function mergeAnswer(out, part) {
    if (!part) { return; }
    Object.keys(part).forEach(function (k) {
      var v = part[k];
      if (out[k] && typeof out[k] === 'object' && !Array.isArray(out[k]) && v && typeof v === 'object' && !Array.isArray(v)) {
        Object.keys(v).forEach(function (kk) { out[k][kk] = v[kk]; });
      } else {
        out[k] = v;
      }
    });
  }

  function isNativeControl(el) {
    var tag = el.tagName;
    if (tag !== 'INPUT' && tag !== 'SELECT' && tag !== 'TEXTAREA') { return false; }
    if (!el.name || el.disabled) { return false; }
    // controls that crowd elements render for themselves are theirs to report
    return !el.closest('[data-crowd-internal]');
  }

  function nativeAnswer(el) {
    var out = {};
    if (el.tagName === 'INPUT' && (el.type === 'checkbox' || el.type === 'radio')) {
      out[el.name] = {};
      out[el.name][el.value || 'on'] = el.checked;
    } else if (el.tagName === 'INPUT' && (el.type === 'file' || el.type === 'submit' || el.type === 'button')) {
      return null;
    } else if (el.tagName === 'SELECT' && el.multiple) {
      out[el.name] = Array.prototype.filter.call(el.options, function (o) { return o.selected; })
        .map(function (o) { return o.value; });
    } else {
      out[el.name] = el.value;
    }
    return out;
  }

  var ANSWER_TAGS = ['crowd-entity-annotation', 'crowd-entity-annotator', 'crowd-classifier', 'crowd-classifier-multi-select',
    'crowd-image-classifier', 'crowd-image-classifier-multi-select', 'crowd-bounding-box', 'crowd-keypoint', 'crowd-polygon',
    'crowd-line', 'crowd-polyline', 'crowd-semantic-segmentation', 'crowd-instance-segmentation', 'crowd-input',
    'crowd-text-area', 'crowd-checkbox', 'crowd-radio-button', 'crowd-toggle-button', 'crowd-slider',
    'crowd-textract-analyze-document', 'crowd-rekognition-detect-moderation-labels'];

  /** Templates without crowd-form (entity annotation ones) still submit: their content gets a form. */
  function wrapOrphanAnswerElements() {
    if (document.querySelector('crowd-form')) { return; }
    if (!document.querySelector(ANSWER_TAGS.join(','))) { return; }
    var host = document.getElementById('rs-task-content') || document.body;
    var form = document.createElement('crowd-form');
    form.setAttribute(IMPLICIT_FORM, '');
    var children = Array.prototype.slice.call(host.childNodes);
    children.forEach(function (c) { form.appendChild(c); });
    host.appendChild(form);
  }

  // ---------------------------------------------------------------- crowd-button and friends
  var ICONS = { close: '\u2715', clear: '\u2715', add: '+', remove: '\u2212', delete: '\u232b', check: '\u2713', done: '\u2713',
    help: '?', info: 'i', search: '\u2315', menu: '\u2630', 'arrow-back': '\u2190', 'arrow-forward': '\u2192',
    'zoom-in': '+', 'zoom-out': '\u2212', undo: '\u21b6', redo: '\u21b7', refresh: '\u21bb', star: '\u2605', warning: '!' };

  function iconNode(el) {
    if (el.getAttribute('icon-url')) { return h('img', { className: 'crowd-icon-img', src: el.getAttribute('icon-url'), alt: '' }); }
    var name = el.getAttribute('icon');
    if (!name) { return null; }
    var key = name.replace(/^[a-z]+:/, '');
    return h('span', { className: 'crowd-icon', 'aria-hidden': 'true', text: ICONS[key] || '\u25cf' });
  }

  class CrowdButton extends CrowdElement {
    init() {
      var self = this;
      var variant = this.attr('variant', 'normal');
      var button = h('button', { type: 'button', className: 'crowd-btn crowd-btn-' + variant });
      var icon = iconNode(this);
      moveChildren(this, button);
      if (icon) {
        if (this.attr('icon-align', 'left') === 'right') { button.appendChild(icon); } else { button.insertBefore(icon, button.firstChild); }
        if (!button.textContent.trim()) { button.setAttribute('aria-label', this.getAttribute('icon')); }
      }
      this._button = button;
      this.syncDisabled();
      button.addEventListener('click', function () {
        if (self.flag('disabled') || self.flag('loading')) { return; }
        var action = self.getAttribute('form-action');
        var form = self.closest('crowd-form');
        if (action === 'submit' && form) { form.submit(); }
        else if (action === 'reset' && form) { form.reset(); }
        else if (self.getAttribute('href')) { window.open(self.getAttribute('href'), self.getAttribute('target') || '_self'); }
      });
      this.appendChild(button);
    }
    static get observedAttributes() { return ['disabled', 'loading']; }
    attributeChangedCallback() { this.syncDisabled(); }
    syncDisabled() {
      if (!this._button) { return; }
      this._button.disabled = this.flag('disabled') || this.flag('loading');
      this._button.setAttribute('aria-busy', this.flag('loading') ? 'true' : 'false');
    }
    focus() { if (this._button) { this._button.focus(); } }
    click() { if (this._button) { this._button.click(); } else { super.click(); } }
  }

  class CrowdIconButton extends CrowdElement {
    init() {
      var b = h('button', { type: 'button', className: 'crowd-btn crowd-btn-icon', 'aria-label': this.attr('icon', 'button'),
        title: this.getAttribute('title') || null, disabled: this.flag('disabled') }, iconNode(this));
      this.appendChild(b);
    }
  }

  class CrowdFab extends CrowdElement {
    init() {
      var label = this.attr('label', '+');
      var b = h('button', { type: 'button', className: 'crowd-fab-button', 'aria-label': this.getAttribute('title') || label,
        title: this.getAttribute('title') || null, disabled: this.flag('disabled') }, iconNode(this) || label);
      this.appendChild(b);
    }
  }

  // ---------------------------------------------------------------- text inputs
  function patternFilter(input, allowed) {
    if (!allowed) { return; }
    var re;
    try { re = new RegExp(allowed); } catch (e) { return; }
    input.addEventListener('beforeinput', function (e) {
      if (e.data && Array.prototype.some.call(e.data, function (ch) { return !re.test(ch); })) { e.preventDefault(); }
    });
  }

  class TextControl extends CrowdElement {
    buildControl() { return h('input'); }
    init() {
      var id = nextId('field');
      var control = this.buildControl();
      control.id = id;
      var preset = this.getAttribute('value');
      if (preset !== null) { control.value = preset; }
      ['placeholder', 'rows', 'min', 'max', 'step'].forEach(function (a) {
        if (this.hasAttribute(a)) { control.setAttribute(a, this.getAttribute(a)); }
      }, this);
      if (this.hasAttribute('max-length')) { control.maxLength = Number(this.getAttribute('max-length')); }
      if (this.hasAttribute('min-length')) { control.minLength = Number(this.getAttribute('min-length')); }
      control.required = this.flag('required');
      control.disabled = this.flag('disabled');
      patternFilter(control, this.getAttribute('allowed-pattern'));
      var wrap = h('div', { className: 'crowd-field', 'data-crowd-internal': '' });
      var label = this.getAttribute('label');
      if (label) { wrap.appendChild(h('label', { 'for': id, text: label })); }
      else if (this.getAttribute('placeholder')) { control.setAttribute('aria-label', this.getAttribute('placeholder')); }
      else if (this.name) { control.setAttribute('aria-label', this.name); }
      wrap.appendChild(control);
      this._error = h('div', { className: 'crowd-field-error', 'aria-live': 'polite' });
      control.setAttribute('aria-describedby', id + '-error');
      this._error.id = id + '-error';
      this._control = control;
      this.decorate(wrap, control);
      wrap.appendChild(this._error);
      this.appendChild(wrap);
      var self = this;
      if (this.flag('auto-validate')) {
        control.addEventListener('blur', function () { self.showError(self.crowdValidate()); });
      }
      if (this.flag('auto-focus') || this.flag('autofocus')) { setTimeout(function () { control.focus(); }, 0); }
    }
    decorate() {}
    showError(problem) { if (this._error) { this._error.textContent = problem ? problem.message : ''; } }
    get value() { return this._control ? this._control.value : (this.getAttribute('value') || ''); }
    set value(v) { if (this._control) { this._control.value = v; } else { this.setAttribute('value', v); } }
    focus() { if (this._control) { this._control.focus(); } }
    crowdValidate() {
      if (!this._control || this._control.disabled) { return null; }
      var c = this._control;
      var msg = null;
      if (c.required && !c.value) { msg = (this.getAttribute('label') || this.name || 'This field') + ' is required'; }
      else if (!c.checkValidity()) { msg = this.getAttribute('error-message') || c.validationMessage; }
      else if (this.getAttribute('allowed-pattern') && c.value && !this.matchesPattern(c.value)) {
        msg = this.getAttribute('error-message') || 'Characters not allowed in ' + (this.getAttribute('label') || this.name);
      }
      var problem = msg ? invalid(this, msg, c) : null;
      this.showError(problem);
      return problem;
    }
    matchesPattern(v) {
      try {
        var re = new RegExp(this.getAttribute('allowed-pattern'));
        return Array.prototype.every.call(v, function (ch) { return ch === '\n' || re.test(ch); });
      } catch (e) { return true; }
    }
    crowdReset() { if (this._control) { this._control.value = this.getAttribute('value') || ''; } }
  }

  class CrowdInput extends TextControl {
    buildControl() {
      var type = this.attr('type', 'text');
      return h('input', { type: type });
    }
    crowdAnswer() {
      if (!this.name || !this._control || this._control.disabled || this._control.type === 'file') { return null; }
      var v = this._control.value;
      if (v === '') { return null; }
      var out = {};
      out[this.name] = v;
      return out;
    }
  }

  class CrowdTextArea extends TextControl {
    buildControl() { return h('textarea', { rows: this.attr('rows', '3') }); }
    decorate(wrap, control) {
      var maxRows = Number(this.getAttribute('max-rows') || 0);
      if (maxRows) {
        control.addEventListener('input', function () {
          var lines = control.value.split('\n').length;
          control.rows = Math.max(Number(control.getAttribute('rows') || 1), Math.min(lines, maxRows));
        });
      }
      if (this.flag('char-counter')) {
        var counter = h('div', { className: 'crowd-char-counter', 'aria-live': 'off' });
        var max = this.getAttribute('max-length');
        var update = function () { counter.textContent = control.value.length + (max ? ' / ' + max : ''); };
        control.addEventListener('input', update);
        update();
        wrap.appendChild(counter);
      }
    }
    crowdAnswer() {
      if (!this.name || !this._control || this._control.disabled) { return null; }
      var out = {};
      out[this.name] = this._control.value;
      return out;
    }
  }

  // ---------------------------------------------------------------- boolean controls
  class BooleanControl extends CrowdElement {
    get value() { return this.attr('value', 'on'); }
    get checked() { return this._input ? this._input.checked : this.flag('checked'); }
    set checked(v) { if (this._input) { this._input.checked = !!v; } else if (v) { this.setAttribute('checked', ''); } else { this.removeAttribute('checked'); } }
    crowdAnswer() {
      if (!this.name || this.flag('disabled')) { return null; }
      var out = {};
      out[this.name] = {};
      out[this.name][this.value] = !!this.checked;
      return out;
    }
    crowdValidate() {
      if (this.flag('required') && !this.checked) { return invalid(this, (this.textContent.trim() || this.name) + ' must be checked', this._input); }
      return null;
    }
    crowdReset() { this.checked = this.flag('checked'); }
    focus() { if (this._input) { this._input.focus(); } }
  }

  class CrowdCheckbox extends BooleanControl {
    init() {
      var input = h('input', { type: 'checkbox', checked: this.flag('checked'), disabled: this.flag('disabled') });
      var label = h('label', { className: 'crowd-check', 'data-crowd-internal': '' }, input);
      var text = h('span');
      moveChildren(this, text);
      label.appendChild(text);
      this._input = input;
      this.appendChild(label);
      var self = this;
      input.addEventListener('change', function () { self.dispatchEvent(new Event('change', { bubbles: true })); });
    }
  }

  class CrowdRadioGroup extends CrowdElement {
    init() {
      this.setAttribute('role', 'radiogroup');
      this._group = nextId('radio');
    }
    get groupName() { if (!this._group) { this._group = nextId('radio'); } return this._group; }
  }

  class CrowdRadioButton extends BooleanControl {
    init() {
      var group = this.closest('crowd-radio-group');
      var groupName = group ? group.groupName : 'crowd-radio-' + (this.name || 'default');
      var input = h('input', { type: 'radio', name: groupName, checked: this.flag('checked'), disabled: this.flag('disabled') });
      var text = h('span');
      moveChildren(this, text);
      this._input = input;
      this.appendChild(h('label', { className: 'crowd-check', 'data-crowd-internal': '' }, input, text));
    }
  }

  class CrowdToggleButton extends BooleanControl {
    init() {
      var self = this;
      var button = h('button', { type: 'button', className: 'crowd-toggle', 'aria-pressed': this.flag('checked') ? 'true' : 'false',
        disabled: this.flag('disabled'), 'data-crowd-internal': '' });
      var text = h('span');
      moveChildren(this, text);
      if (!text.textContent.trim()) { button.setAttribute('aria-label', this.name || 'toggle'); }
      button.appendChild(h('span', { className: 'crowd-toggle-track', 'aria-hidden': 'true' }));
      button.appendChild(text);
      this._on = this.flag('checked');
      button.addEventListener('click', function () { self.checked = !self.checked; self.dispatchEvent(new Event('change', { bubbles: true })); });
      this._button = button;
      this.appendChild(button);
    }
    get checked() { return this._button ? this._on : this.flag('checked'); }
    set checked(v) {
      this._on = !!v;
      if (this._button) { this._button.setAttribute('aria-pressed', this._on ? 'true' : 'false'); }
    }
    focus() { if (this._button) { this._button.focus(); } }
  }

  class CrowdSlider extends CrowdElement {
    init() {
      var self = this;
      var id = nextId('slider');
      var min = this.attr('min', '0'), max = this.attr('max', '100');
      var input = h('input', { type: 'range', id: id, min: min, max: max, step: this.attr('step', '1'),
        disabled: this.flag('disabled'), 'aria-label': this.getAttribute('label') || this.name || 'slider' });
      input.value = this.attr('value', String(Math.round((Number(min) + Number(max)) / 2)));
      var out = h('output', { 'for': id, className: 'crowd-slider-value', text: input.value });
      var wrap = h('div', { className: 'crowd-slider', 'data-crowd-internal': '' });
      if (this.getAttribute('label')) { wrap.appendChild(h('label', { 'for': id, text: this.getAttribute('label') })); }
      wrap.appendChild(input);
      if (this.flag('pin') || !this.flag('editable')) { wrap.appendChild(out); }
      if (this.flag('editable')) {
        var number = h('input', { type: 'number', min: min, max: max, step: this.attr('step', '1'), className: 'crowd-slider-number',
          'aria-label': (this.name || 'slider') + ' value' });
        number.value = input.value;
        number.addEventListener('input', function () { input.value = number.value; out.textContent = input.value; });
        input.addEventListener('input', function () { number.value = input.value; });
        wrap.appendChild(number);
      }
      input.addEventListener('input', function () { out.textContent = input.value; self._touched = true; });
      this._input = input;
      this.appendChild(wrap);
    }
    get value() { return this._input ? Number(this._input.value) : Number(this.getAttribute('value')); }
    set value(v) { if (this._input) { this._input.value = v; } else { this.setAttribute('value', v); } }
    crowdAnswer() {
      if (!this.name || !this._input || this._input.disabled) { return null; }
      var out = {};
      out[this.name] = Number(this._input.value);
      return out;
    }
    crowdReset() { if (this._input) { this._input.value = this.getAttribute('value') || this._input.value; } }
  }

  // ---------------------------------------------------------------- classifiers
  function choiceList(categories, multi, groupName, selected, onChange) {
    var fieldset = h('fieldset', { className: 'crowd-choices', 'data-crowd-internal': '' });
    var inputs = [];
    categories.forEach(function (cat, i) {
      var text = labelText(cat);
      var input = h('input', { type: multi ? 'checkbox' : 'radio', name: groupName, value: text,
        checked: selected.indexOf(text) >= 0 });
      input.addEventListener('change', onChange);
      inputs.push(input);
      var key = i < 9 ? String(i + 1) : null;
      fieldset.appendChild(h('label', { className: 'crowd-choice' }, input,
        h('span', { className: 'crowd-choice-text', text: text }),
        key ? h('kbd', { className: 'crowd-shortcut', 'aria-hidden': 'true', text: key }) : null));
    });
    return { fieldset: fieldset, inputs: inputs };
  }

  function exclusionText(raw) {
    if (raw === null || raw === undefined || raw === '') { return null; }
    var parsed = parseJsonAttr(raw, raw);
    if (parsed && typeof parsed === 'object') { return String(parsed.text || parsed.label || parsed.name || 'None of the above'); }
    return String(parsed);
  }

  /** Shared by the four classifiers: categories as radio buttons or checkboxes, digit shortcuts. */
  class ClassifierBase extends CrowdElement {
    isMulti() { return false; }
    hasImage() { return false; }
    init() {
      var regions = takeRegions(this, TASK_REGIONS);
      var layout = taskLayout(this, this.getAttribute('header'), regions);
      var self = this;
      if (this.hasImage() && this.getAttribute('src')) {
        layout.main.appendChild(h('div', { className: 'crowd-image-frame' },
          h('img', { className: 'crowd-target-image', src: this.getAttribute('src'), alt: this.getAttribute('header') || 'Image to classify' })));
      }
      var target = regions['classification-target'];
      if (target) {
        layout.main.appendChild(moveChildren(target, h('div', { className: 'crowd-classification-target' })));
      }
      var categories = this.jsonAttr('categories', []);
      if (!Array.isArray(categories)) { categories = []; }
      var initial = this.jsonAttr('initial-value', null);
      var selected = [];
      if (typeof initial === 'string') { selected = [initial]; }
      else if (Array.isArray(initial)) { selected = initial.map(labelText); }
      else if (initial && initial.label) { selected = [initial.label]; }
      else if (initial && Array.isArray(initial.labels)) { selected = initial.labels; }
      else if (this.getAttribute('initial-value') && !initial) { selected = [this.getAttribute('initial-value')]; }
      this._exclusion = exclusionText(this.getAttribute('exclusion-category'));
      var all = categories.slice();
      if (this.isMulti() && this._exclusion) { all.push(this._exclusion); }
      var group = nextId('class');
      var list = choiceList(all, this.isMulti(), group, selected, function (e) {
        if (self.isMulti() && self._exclusion) {
          var ex = self._inputs[self._inputs.length - 1];
          if (e.target === ex && ex.checked) { self._inputs.forEach(function (i) { if (i !== ex) { i.checked = false; } }); }
          else if (e.target !== ex && e.target.checked) { ex.checked = false; }
        }
        self.removeAttribute('invalid');
      });
      var legend = h('legend', { className: 'crowd-visually-hidden', text: this.getAttribute('header') || 'Categories' });
      list.fieldset.insertBefore(legend, list.fieldset.firstChild);
      this._inputs = list.inputs;
      layout.main.appendChild(list.fieldset);
      var comment = regions['worker-comment'];
      if (comment) {
        var cid = nextId('comment');
        var area = h('textarea', { id: cid, rows: '3', placeholder: comment.getAttribute('placeholder') || '' });
        var box = h('div', { className: 'crowd-worker-comment', hidden: true, 'data-crowd-internal': '' },
          h('label', { 'for': cid, text: comment.getAttribute('header') || 'Comment' }), area);
        var toggle = h('button', { type: 'button', className: 'crowd-link-button', 'aria-expanded': 'false',
          text: comment.getAttribute('link-text') || 'Add a comment',
          onclick: function () { box.hidden = !box.hidden; toggle.setAttribute('aria-expanded', String(!box.hidden)); if (!box.hidden) { area.focus(); } } });
        this._comment = area;
        layout.main.appendChild(toggle);
        layout.main.appendChild(box);
      }
      this.addEventListener('keydown', function (e) {
        if (e.altKey || e.ctrlKey || e.metaKey || /^(TEXTAREA|INPUT)$/.test(e.target.tagName) && e.target.type !== 'radio' && e.target.type !== 'checkbox') { return; }
        var n = Number(e.key);
        if (n >= 1 && n <= Math.min(9, self._inputs.length)) {
          var input = self._inputs[n - 1];
          input.click();
          input.focus();
          e.preventDefault();
        }
      });
    }
    selectedLabels() {
      return (this._inputs || []).filter(function (i) { return i.checked; }).map(function (i) { return i.value; });
    }
    get value() { var a = this.crowdAnswer(); return a ? a[this.name] : null; }
    crowdAnswer() {
      if (!this.name || !this._inputs) { return null; }
      var out = {};
      var labels = this.selectedLabels();
      if (this.isMulti()) {
        var ex = this._exclusion;
        out[this.name] = { labels: labels.filter(function (l) { return l !== ex; }) };
      } else {
        if (!labels.length) { return null; }
        out[this.name] = { label: labels[0] };
        if (this._comment && this._comment.value.trim()) { out[this.name].workerComment = this._comment.value; }
      }
      return out;
    }
    crowdValidate() {
      if (!this._inputs || this.selectedLabels().length) { return null; }
      return invalid(this, (this.getAttribute('header') || 'Classification') + ': choose ' + (this.isMulti() ? 'at least one category' : 'a category'), this._inputs[0]);
    }
    crowdReset() { (this._inputs || []).forEach(function (i) { i.checked = false; }); }
  }

  class CrowdClassifier extends ClassifierBase {}
  class CrowdClassifierMultiSelect extends ClassifierBase { isMulti() { return true; } }
  class CrowdImageClassifier extends ClassifierBase { hasImage() { return true; } }
  class CrowdImageClassifierMultiSelect extends ClassifierBase { isMulti() { return true; } hasImage() { return true; } }

  window.CrowdElements = {
    base: { CrowdElement: CrowdElement },
    helpers: { h: h, parseJsonAttr: parseJsonAttr, A2I_PARTS: A2I_PARTS, takeRegions: takeRegions, taskLayout: taskLayout, dialogButton: dialogButton,
      moveChildren: moveChildren, labelText: labelText, invalid: invalid, nextId: nextId, exclusionText: exclusionText,
      PALETTE: PALETTE, TASK_REGIONS: TASK_REGIONS, whenParsed: whenParsed }
  };

  var definitions = {
    'crowd-form': CrowdForm,
    'crowd-button': CrowdButton,
    'crowd-icon-button': CrowdIconButton,
    'crowd-fab': CrowdFab,
    'crowd-input': CrowdInput,
    'crowd-text-area': CrowdTextArea,
    'crowd-checkbox': CrowdCheckbox,
    'crowd-radio-group': CrowdRadioGroup,
    'crowd-radio-button': CrowdRadioButton,
    'crowd-toggle-button': CrowdToggleButton,
    'crowd-slider': CrowdSlider,
    'crowd-classifier': CrowdClassifier,
    'crowd-classifier-multi-select': CrowdClassifierMultiSelect,
    'crowd-image-classifier': CrowdImageClassifier,
    'crowd-image-classifier-multi-select': CrowdImageClassifierMultiSelect
  };
  var usedConstructors = [];
  /** Registers elements; a class named twice gets a subclass, as the registry takes each constructor once. */
  window.CrowdElements.define = function (more) {
    Object.keys(more).forEach(function (k) {
      if (customElements.get(k)) { return; }
      var ctor = more[k];
      if (usedConstructors.indexOf(ctor) >= 0) { ctor = class extends more[k] {}; }
      usedConstructors.push(ctor);
      customElements.define(k, ctor);
    });
  };
  window.CrowdElements.define(definitions);

  if (parsed) { setTimeout(function () { announceReady(); }, 0); }
  else { document.addEventListener('DOMContentLoaded', onParsed); }
})();
