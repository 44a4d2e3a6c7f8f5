/*
 * crowd-entity-annotation (and the misspelt crowd-entity-annotator that a published template uses):
 * select text, pick a label. Offsets count Unicode code points, end exclusive, as A2I reports them.
 */
(function () {
  'use strict';
  var C = window.CrowdElements;
  var h = C.helpers.h;

  function codePointLength(s) { return Array.from(s).length; }
  /** UTF-16 index of a code point offset. */
  function utf16Index(text, cp) {
    var i = 0, n = 0;
    while (n < cp && i < text.length) {
      var c = text.charCodeAt(i);
      i += c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
      n += 1;
    }
    return i;
  }

  class CrowdEntityAnnotation extends C.base.CrowdElement {
    init() {
      var self = this;
      var regions = C.helpers.takeRegions(this, C.helpers.TASK_REGIONS);
      var layout = C.helpers.taskLayout(this, this.getAttribute('header'), regions);
      this.text = this.getAttribute('text') || '';
      var labels = this.jsonAttr('labels', []);
      this.labels = (Array.isArray(labels) ? labels : []).map(function (l, i) {
        if (typeof l === 'string') { return { label: l, full: l, short: l, color: C.helpers.PALETTE[i % C.helpers.PALETTE.length] }; }
        return { label: l.label, full: l.fullDisplayName || l.label, short: l.shortDisplayName || l.label,
          color: C.helpers.PALETTE[i % C.helpers.PALETTE.length] };
      });
      this.entities = [];
      var initial = this.jsonAttr('initial-value', []);
      (Array.isArray(initial) ? initial : (initial && initial.entities) || []).forEach(function (e) {
        self.entities.push({ label: e.label, startOffset: +e.startOffset, endOffset: +e.endOffset });
      });

      var bar = h('div', { className: 'crowd-entity-labels', role: 'toolbar', 'aria-label': 'Labels', 'data-crowd-internal': '' });
      this.labels.forEach(function (l, i) {
        bar.appendChild(h('button', { type: 'button', className: 'crowd-entity-label', 'data-label': l.label,
          style: 'border-color:' + l.color, title: l.full,
          onmousedown: function (e) { e.preventDefault(); },
          onclick: function () { self.labelSelection(l.label); } },
          h('span', { className: 'crowd-swatch', style: 'background:' + l.color, 'aria-hidden': 'true' }),
          l.full, i < 9 ? h('kbd', { className: 'crowd-shortcut', 'aria-hidden': 'true', text: String(i + 1) }) : null));
      });
      layout.main.appendChild(h('p', { className: 'crowd-stage-help', text: 'Select text, then choose a label (or press its number).' }));
      layout.main.appendChild(bar);
      this.textBox = h('div', { className: 'crowd-entity-text', tabindex: '0', 'aria-label': 'Text to annotate' });
      layout.main.appendChild(this.textBox);
      this.list = h('ol', { className: 'crowd-shape-list', 'aria-label': 'Entities' });
      layout.side.appendChild(h('h3', { className: 'crowd-shape-list-title', text: 'Entities' }));
      layout.side.appendChild(this.list);
      this.addEventListener('keydown', function (e) {
        var n = Number(e.key);
        if (n >= 1 && n <= Math.min(9, self.labels.length) && !e.ctrlKey && !e.metaKey && !/^(INPUT|TEXTAREA)$/.test(e.target.tagName)) {
          self.labelSelection(self.labels[n - 1].label);
          e.preventDefault();
        }
      });
      this.render();
    }

    colorOf(label) {
      var l = this.labels.filter(function (x) { return x.label === label; })[0];
      return l ? l.color : '#999999';
    }

    /** The current selection inside the text, as code point offsets, or null. */
    selectionOffsets() {
      var sel = window.getSelection();
      if (!sel || sel.rangeCount === 0 || sel.isCollapsed) { return null; }
      var range = sel.getRangeAt(0);
      if (!this.textBox.contains(range.startContainer) || !this.textBox.contains(range.endContainer)) { return null; }
      var before = document.createRange();
      before.setStart(this.textBox, 0);
      before.setEnd(range.startContainer, range.startOffset);
      var start = before.toString().length;
      var end = start + range.toString().length;
      // trim surrounding whitespace the way a worker means it
      while (start < end && /\s/.test(this.text.charAt(start))) { start += 1; }
      while (end > start && /\s/.test(this.text.charAt(end - 1))) { end -= 1; }
      if (start >= end) { return null; }
      return { startOffset: codePointLength(this.text.slice(0, start)), endOffset: codePointLength(this.text.slice(0, end)) };
    }

    labelSelection(label) {
      var off = this.selectionOffsets();
      if (!off) { return; }
      var exists = this.entities.some(function (e) { return e.label === label && e.startOffset === off.startOffset && e.endOffset === off.endOffset; });
      if (!exists) { this.entities.push({ label: label, startOffset: off.startOffset, endOffset: off.endOffset }); }
      window.getSelection().removeAllRanges();
      this.render();
      this.dispatchEvent(new Event('change', { bubbles: true }));
    }

    remove(i) {
      this.entities.splice(i, 1);
      this.render();
      this.dispatchEvent(new Event('change', { bubbles: true }));
    }

    render() {
      var self = this;
      var text = this.text;
      var spans = this.entities.map(function (e) {
        return { label: e.label, s: utf16Index(text, e.startOffset), e: utf16Index(text, e.endOffset) };
      });
      var cuts = [0, text.length];
      spans.forEach(function (s) { cuts.push(s.s, s.e); });
      cuts = cuts.filter(function (v, i, a) { return a.indexOf(v) === i; }).sort(function (a, b) { return a - b; });
      this.textBox.textContent = '';
      for (var i = 0; i + 1 < cuts.length; i++) {
        var a = cuts[i], b = cuts[i + 1];
        var covering = spans.filter(function (s) { return s.s <= a && s.e >= b; });
        var piece = text.slice(a, b);
        if (!covering.length) { this.textBox.appendChild(document.createTextNode(piece)); continue; }
        var mark = h('mark', { className: 'crowd-entity', title: covering.map(function (c) { return c.label; }).join(', '),
          style: 'background:' + self.colorOf(covering[0].label) + '40; border-bottom: 2px solid ' + self.colorOf(covering[0].label) });
        mark.textContent = piece;
        this.textBox.appendChild(mark);
      }
      this.list.textContent = '';
      this.entities.forEach(function (e, idx) {
        var shown = Array.from(text).slice(e.startOffset, e.endOffset).join('');
        self.list.appendChild(h('li', {},
          h('span', { className: 'crowd-swatch', style: 'background:' + self.colorOf(e.label), 'aria-hidden': 'true' }),
          h('span', { text: e.label + ': \u201c' + shown + '\u201d' }),
          h('button', { type: 'button', className: 'crowd-btn crowd-btn-icon', 'aria-label': 'Remove ' + e.label + ' ' + shown, text: '\u2715',
            onclick: function () { self.remove(idx); } })));
      });
    }

    get value() { return { entities: this.entities.map(function (e) { return { label: e.label, startOffset: e.startOffset, endOffset: e.endOffset }; }) }; }
    crowdAnswer() {
      if (!this.name) { return null; }
      var out = {};
      out[this.name] = this.value;
      return out;
    }
    crowdReset() { this.entities = []; this.render(); }
  }

  class CrowdEntityAnnotator extends CrowdEntityAnnotation {}

  C.define({ 'crowd-entity-annotation': CrowdEntityAnnotation, 'crowd-entity-annotator': CrowdEntityAnnotator });
})();
