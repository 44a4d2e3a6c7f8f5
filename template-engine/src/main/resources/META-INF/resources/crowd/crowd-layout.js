/*
 * Crowd elements that contribute nothing to the answer: instructions, alerts, cards, badges, tabs, modals,
 * toasts and tooltips, plus the instruction regions when they stand on their own (outside a task element).
 */
(function () {
  'use strict';
  var C = window.CrowdElements;
  var h = C.helpers.h;

  /** A region outside any task element: full instructions collapse behind a disclosure, the rest stay visible. */
  class FullInstructions extends C.base.CrowdElement {
    init() {
      var header = this.getAttribute('header') || 'Instructions';
      var body = C.helpers.moveChildren(this, h('div', { className: 'crowd-instructions-content', 'data-header': header }));
      this.appendChild(h('details', { className: 'crowd-full-instructions' }, h('summary', { text: header }), body));
    }
  }

  class ShortInstructions extends C.base.CrowdElement {
    init() {
      var header = this.getAttribute('header');
      var body = C.helpers.moveChildren(this, h('div', { className: 'crowd-instructions-content', 'data-header': header || 'Instructions' }));
      if (header) { this.appendChild(h('h3', { text: header })); }
      this.appendChild(body);
    }
  }

  class PlainRegion extends C.base.CrowdElement {}

  class CrowdInstructions extends C.base.CrowdElement {
    init() {
      var parts = C.helpers.takeRegions(this, ['short-summary', 'detailed-instructions', 'positive-example', 'negative-example']);
      var content = h('div');
      var titles = { 'short-summary': 'Summary', 'detailed-instructions': 'Detailed instructions',
        'positive-example': 'Good example', 'negative-example': 'Bad example' };
      // a template may hold several examples of one kind
      Array.prototype.slice.call(this.querySelectorAll('positive-example, negative-example')).forEach(function (extra) {
        extra.remove();
        (parts[extra.tagName.toLowerCase() + '+'] = parts[extra.tagName.toLowerCase() + '+'] || []).push(extra);
      });
      ['short-summary', 'detailed-instructions', 'positive-example', 'negative-example'].forEach(function (k) {
        var list = (parts[k] ? [parts[k]] : []).concat(parts[k + '+'] || []);
        list.forEach(function (region) {
          var section = h('section', { className: 'crowd-instructions-part crowd-' + k }, h('h3', { text: titles[k] }));
          C.helpers.moveChildren(region, section);
          content.appendChild(section);
        });
      });
      C.helpers.moveChildren(this, content);
      var summarySection = content.querySelector('.crowd-short-summary');
      // the summary is also shown in place, as in the managed service
      var summary = summarySection ? h('div', { className: 'crowd-summary-inline', text: summarySection.textContent.replace(/^\s*Summary\s*/, '').trim() }) : null;
      var text = this.getAttribute('link-text') || 'Click for instructions';
      var opener = C.helpers.dialogButton(text, 'Instructions', content,
        this.getAttribute('link-type') === 'button' ? 'crowd-btn crowd-btn-normal' : 'crowd-link-button');
      if (summary) { this.appendChild(summary); }
      this.appendChild(opener);
    }
  }

  class CrowdAlert extends C.base.CrowdElement {
    init() {
      var type = this.attr('type', 'info');
      this.setAttribute('role', type === 'error' || type === 'warning' ? 'alert' : 'status');
      var body = C.helpers.moveChildren(this, h('div', { className: 'crowd-alert-body' }));
      var box = h('div', { className: 'crowd-alert-box crowd-alert-' + type }, body);
      var self = this;
      if (this.flag('dismissible')) {
        box.appendChild(h('button', { type: 'button', className: 'crowd-btn crowd-btn-icon', 'aria-label': 'Dismiss', text: '\u2715',
          onclick: function () { self.hidden = true; } }));
      }
      this.appendChild(box);
    }
  }

  class CrowdBadge extends C.base.CrowdElement {
    init() {
      this.classList.add('crowd-badge-pill');
      var icon = this.getAttribute('icon');
      this.textContent = this.getAttribute('label') || (icon ? '\u25cf' : '');
      if (!this.getAttribute('label') && icon) { this.setAttribute('aria-label', icon); }
      var target = this.getAttribute('for') && document.getElementById(this.getAttribute('for'));
      if (target) { target.classList.add('crowd-badge-anchor'); target.appendChild(this); }
    }
  }

  class CrowdCard extends C.base.CrowdElement {
    init() {
      var body = C.helpers.moveChildren(this, h('div', { className: 'crowd-card-content' }));
      var card = h('article', { className: 'crowd-card-box' });
      if (this.getAttribute('image')) { card.appendChild(h('img', { src: this.getAttribute('image'), alt: this.getAttribute('heading') || '' })); }
      if (this.getAttribute('heading')) { card.appendChild(h('h3', { className: 'crowd-card-heading', text: this.getAttribute('heading') })); }
      card.appendChild(body);
      this.appendChild(card);
    }
  }

  class CrowdTab extends C.base.CrowdElement {}

  /** Tabs with the ARIA tabs pattern: arrow keys move between tabs, one panel shown at a time. */
  class CrowdTabs extends C.base.CrowdElement {
    init() {
      var tabs = Array.prototype.slice.call(this.children).filter(function (c) { return c.tagName.toLowerCase() === 'crowd-tab'; });
      var list = h('div', { role: 'tablist', className: 'crowd-tablist' });
      var buttons = [];
      var self = this;
      tabs.forEach(function (tab, i) {
        var id = C.helpers.nextId('tab');
        tab.id = tab.id || id + '-panel';
        tab.setAttribute('role', 'tabpanel');
        tab.setAttribute('aria-labelledby', id);
        var b = h('button', { type: 'button', role: 'tab', id: id, 'aria-controls': tab.id, className: 'crowd-tab-button',
          text: tab.getAttribute('header') || 'Tab ' + (i + 1), onclick: function () { self.select(i); } });
        b.addEventListener('keydown', function (e) {
          var next = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? tabs.length - 1 : null;
          if (next === null) { return; }
          next = (next + tabs.length) % tabs.length;
          self.select(next);
          buttons[next].focus();
          e.preventDefault();
        });
        buttons.push(b);
        list.appendChild(b);
      });
      this._tabs = tabs;
      this._buttons = buttons;
      this.insertBefore(list, this.firstChild);
      this.select(0);
    }
    select(i) {
      (this._tabs || []).forEach(function (t, j) { t.hidden = i !== j; });
      (this._buttons || []).forEach(function (b, j) { b.setAttribute('aria-selected', i === j ? 'true' : 'false'); b.tabIndex = i === j ? 0 : -1; });
    }
  }

  class CrowdModal extends C.base.CrowdElement {
    init() {
      var content = C.helpers.moveChildren(this, h('div'));
      var text = this.getAttribute('link-text') || 'Click to open modal';
      this.appendChild(C.helpers.dialogButton(text, this.getAttribute('header') || text, content,
        this.getAttribute('link-type') === 'button' ? 'crowd-btn crowd-btn-normal' : 'crowd-link-button'));
    }
    get dialog() { return this.querySelector('dialog'); }
    open() { var d = this.dialog; if (d && !d.open) { d.showModal(); } }
    close() { var d = this.dialog; if (d && d.open) { d.close(); } }
  }

  class CrowdToast extends C.base.CrowdElement {
    init() {
      this.setAttribute('role', 'status');
      this.setAttribute('aria-live', 'polite');
      this.classList.add('crowd-toast-box');
      if (!this.textContent.trim()) { this.textContent = this.getAttribute('text') || ''; }
      if (!this.hasAttribute('opened')) { this.hidden = true; } else { this.show(); }
    }
    show() {
      var self = this;
      if (this.getAttribute('text')) { this.textContent = this.getAttribute('text'); }
      this.hidden = false;
      clearTimeout(this._timer);
      var duration = Number(this.getAttribute('duration') || 3000);
      if (duration > 0) { this._timer = setTimeout(function () { self.hidden = true; }, duration); }
    }
    hide() { this.hidden = true; }
  }

  /** Shows the tip while the anchor is hovered or has the focus. */
  function bindTooltip(anchor, tip) {
    var show = function () { tip.hidden = false; };
    var hide = function () { tip.hidden = true; };
    anchor.setAttribute('aria-describedby', tip.id);
    anchor.addEventListener('mouseenter', show);
    anchor.addEventListener('focusin', show);
    anchor.addEventListener('mouseleave', hide);
    anchor.addEventListener('focusout', hide);
  }

  /**
   * Two forms: wrapped around the words it explains, with the tip in its `text` attribute
   * (<crowd-tooltip text="…">words</crowd-tooltip>); or, with `for`, its content is the tip of the element
   * with that id.
   */
  class CrowdTooltip extends C.base.CrowdElement {
    init() {
      var target = this.getAttribute('for') && document.getElementById(this.getAttribute('for'));
      if (!target && this.hasAttribute('text')) {
        var tip = h('span', { role: 'tooltip', id: C.helpers.nextId('tooltip'), className: 'crowd-tooltip-box',
          hidden: true, text: this.getAttribute('text') });
        this.classList.add('crowd-tooltip-anchor');
        if (!this.hasAttribute('tabindex')) { this.tabIndex = 0; }
        this.appendChild(tip);
        bindTooltip(this, tip);
        return;
      }
      this.setAttribute('role', 'tooltip');
      this.id = this.id || C.helpers.nextId('tooltip');
      this.classList.add('crowd-tooltip-box');
      this.hidden = true;
      if (target) { bindTooltip(target, this); }
    }
  }

  C.define({
    'full-instructions': FullInstructions,
    'short-instructions': ShortInstructions,
    'classification-target': PlainRegion,
    'worker-comment': PlainRegion,
    'short-summary': PlainRegion,
    'detailed-instructions': PlainRegion,
    'positive-example': PlainRegion,
    'negative-example': PlainRegion,
    'crowd-instructions': CrowdInstructions,
    'crowd-alert': CrowdAlert,
    'crowd-badge': CrowdBadge,
    'crowd-card': CrowdCard,
    'crowd-tabs': CrowdTabs,
    'crowd-tab': CrowdTab,
    'crowd-modal': CrowdModal,
    'crowd-toast': CrowdToast,
    'crowd-tooltip': CrowdTooltip
  });
})();
