/*
 * The two A2I-only elements, for the built-in task types: reviewing Textract key-value pairs and Rekognition
 * moderation labels. Their answers go under the fixed keys A2I uses, whatever the element's name.
 */
(function () {
  'use strict';
  var C = window.CrowdElements;
  var h = C.helpers.h;

  var TEXTRACT_KEY = 'AWS/Textract/AnalyzeDocument/Forms/V1';
  var REKOGNITION_KEY = 'AWS/Rekognition/DetectModerationLabels/Image/V3';

  /** Textract blocks arrive in the API's PascalCase or in A2I's camelCase; we read both, write camelCase. */
  function camel(value) {
    if (Array.isArray(value)) { return value.map(camel); }
    if (value && typeof value === 'object') {
      var out = {};
      Object.keys(value).forEach(function (k) { out[k.charAt(0).toLowerCase() + k.slice(1)] = camel(value[k]); });
      return out;
    }
    return value;
  }

  function newId() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    return 'id-' + Date.now().toString(16) + '-' + Math.random().toString(16).slice(2);
  }

  function related(block, type) {
    var ids = [];
    (block.relationships || []).forEach(function (r) { if (r.type === type) { ids = ids.concat(r.ids || []); } });
    return ids;
  }

  function childText(block, byId) {
    if (!block) { return ''; }
    return related(block, 'CHILD').map(function (id) {
      var c = byId[id];
      if (!c) { return ''; }
      if (c.blockType === 'SELECTION_ELEMENT') { return c.selectionStatus === 'SELECTED' ? 'X' : ''; }
      return c.text || '';
    }).filter(function (t) { return t !== ''; }).join(' ');
  }

  function normalise(s) { return String(s || '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim(); }

  class CrowdTextractAnalyzeDocument extends C.base.CrowdElement {
    init() {
      var self = this;
      var regions = C.helpers.takeRegions(this, C.helpers.TASK_REGIONS);
      var layout = C.helpers.taskLayout(this, this.getAttribute('header') || 'Review the key-value pairs', regions);
      var blocks = camel(this.jsonAttr('initial-value', []));
      if (!Array.isArray(blocks)) { blocks = blocks && blocks.blocks || []; }
      var byId = {};
      blocks.forEach(function (b) { byId[b.id] = b; });
      this.noKeyEdit = this.flag('no-key-edit');
      this.noGeometryEdit = this.flag('no-geometry-edit');
      this.pairs = [];
      blocks.forEach(function (b) {
        if (b.blockType !== 'KEY_VALUE_SET' || (b.entityTypes || []).indexOf('KEY') < 0) { return; }
        var valueBlock = byId[related(b, 'VALUE')[0]];
        var keyText = b.text || childText(b, byId);
        var valueText = valueBlock ? (valueBlock.text !== undefined ? valueBlock.text : childText(valueBlock, byId)) : '';
        self.pairs.push({ key: b, value: valueBlock || null, keyText: keyText, valueText: valueText,
          originalKey: keyText, originalValue: valueText });
      });
      var important = this.jsonAttr('keys', []);
      this.important = (Array.isArray(important) ? important : []).map(function (k) {
        return { key: k.importantFormKey || k, aliases: k.importantFormKeyAliases || [] };
      });
      this.important.forEach(function (imp) {
        var names = [imp.key].concat(imp.aliases).map(normalise);
        var found = self.pairs.some(function (p) { return names.indexOf(normalise(p.keyText)) >= 0; });
        if (!found) {
          self.pairs.push({ key: null, value: null, keyText: imp.key, valueText: '', originalKey: null, originalValue: null, missing: true });
        }
      });

      var doc = h('div', { className: 'crowd-document' });
      this.image = h('img', { className: 'crowd-stage-image', src: this.getAttribute('src') || null, alt: 'Document' });
      this.canvas = h('canvas', { className: 'crowd-stage-canvas', 'aria-hidden': 'true' });
      var stage = h('div', { className: 'crowd-stage' }, this.image, this.canvas);
      doc.appendChild(stage);
      this.image.addEventListener('load', function () {
        self.canvas.width = self.image.naturalWidth;
        self.canvas.height = self.image.naturalHeight;
        self.drawBoxes();
      });
      this.table = h('table', { className: 'crowd-kv-table', 'data-crowd-internal': '' },
        h('caption', { className: 'crowd-visually-hidden', text: 'Key-value pairs found in the document' }),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: 'Key' }), h('th', { scope: 'col', text: 'Value' }), h('th', { scope: 'col', text: '' }))),
        this.tbody = h('tbody'));
      var add = this.noKeyEdit ? null : h('button', { type: 'button', className: 'crowd-btn crowd-btn-normal', text: 'Add a key-value pair',
        onclick: function () { self.pairs.push({ key: null, value: null, keyText: '', valueText: '', added: true }); self.renderRows(true); } });
      layout.main.appendChild(h('div', { className: 'crowd-kv' }, doc, h('div', { className: 'crowd-kv-pairs' }, this.table, add)));
      this.renderRows(false);
    }

    drawBoxes() {
      var ctx = this.canvas.getContext('2d');
      var w = this.canvas.width, hh = this.canvas.height;
      ctx.clearRect(0, 0, w, hh);
      var self = this;
      this.pairs.forEach(function (p, i) {
        [[p.key, '#1f77b4'], [p.value, '#2ca02c']].forEach(function (pair) {
          var g = pair[0] && pair[0].geometry && pair[0].geometry.boundingBox;
          if (!g) { return; }
          ctx.lineWidth = Math.max(2, w / 500);
          ctx.strokeStyle = pair[1];
          ctx.globalAlpha = i === self.focused ? 1 : 0.6;
          ctx.strokeRect(g.left * w, g.top * hh, g.width * w, g.height * hh);
        });
      });
      ctx.globalAlpha = 1;
    }

    renderRows(focusLast) {
      var self = this;
      this.tbody.textContent = '';
      this.pairs.forEach(function (p, i) {
        var keyInput = h('input', { type: 'text', className: 'crowd-kv-key', 'aria-label': 'Key ' + (i + 1) });
        keyInput.value = p.keyText;
        keyInput.readOnly = self.noKeyEdit || !!p.missing;
        keyInput.addEventListener('input', function () { p.keyText = keyInput.value; });
        var valueInput = h('input', { type: 'text', className: 'crowd-kv-value', 'aria-label': 'Value for ' + (p.keyText || 'key ' + (i + 1)) });
        valueInput.value = p.valueText;
        valueInput.addEventListener('input', function () { p.valueText = valueInput.value; });
        valueInput.addEventListener('focus', function () { self.focused = i; self.drawBoxes(); });
        var remove = self.noKeyEdit ? h('span') : h('button', { type: 'button', className: 'crowd-btn crowd-btn-icon', 'aria-label': 'Remove pair ' + (p.keyText || i + 1), text: '\u2715',
          onclick: function () { self.pairs.splice(i, 1); self.renderRows(false); self.drawBoxes(); } });
        var row = h('tr', { className: p.missing ? 'crowd-kv-missing' : '' },
          h('td', {}, keyInput, p.missing ? h('small', { text: 'important key not detected' }) : null), h('td', {}, valueInput), h('td', {}, remove));
        self.tbody.appendChild(row);
        if (focusLast && i === self.pairs.length - 1) { setTimeout(function () { keyInput.focus(); }, 0); }
      });
    }

    blocksOut() {
      var out = [];
      this.pairs.forEach(function (p) {
        if (!p.keyText.trim() && !p.valueText.trim()) { return; }
        var keyId = p.key ? p.key.id : newId();
        var valueId = p.value ? p.value.id : newId();
        var key = { blockType: 'KEY_VALUE_SET', id: keyId, entityTypes: ['KEY'], text: p.keyText,
          relationships: [{ type: 'VALUE', ids: [valueId] }] };
        var value = { blockType: 'KEY_VALUE_SET', id: valueId, entityTypes: ['VALUE'], text: p.valueText, relationships: [] };
        // word children only still describe the text when the worker left it as detected
        if (p.key && p.keyText === p.originalKey && related(p.key, 'CHILD').length) { key.relationships.push({ type: 'CHILD', ids: related(p.key, 'CHILD') }); }
        if (p.value && p.valueText === p.originalValue && related(p.value, 'CHILD').length) { value.relationships.push({ type: 'CHILD', ids: related(p.value, 'CHILD') }); }
        if (p.key && p.key.geometry) { key.geometry = p.key.geometry; }
        if (p.value && p.value.geometry) { value.geometry = p.value.geometry; }
        out.push(key, value);
      });
      return out;
    }

    get value() { return { blocks: this.blocksOut() }; }
    crowdAnswer() {
      var out = {};
      out[TEXTRACT_KEY] = this.value;
      return out;
    }
    crowdValidate() {
      var missing = this.pairs.filter(function (p) { return p.added && p.keyText.trim() && !p.valueText.trim(); });
      if (missing.length) { return C.helpers.invalid(this, 'Give a value for the key "' + missing[0].keyText + '" or remove it'); }
      return null;
    }
  }

  class CrowdRekognitionDetectModerationLabels extends C.base.CrowdElement {
    init() {
      var self = this;
      var regions = C.helpers.takeRegions(this, C.helpers.TASK_REGIONS);
      var layout = C.helpers.taskLayout(this, this.getAttribute('header') || 'Which of these labels apply to the image?', regions);
      if (this.getAttribute('src')) {
        layout.main.appendChild(h('div', { className: 'crowd-image-frame' },
          h('img', { className: 'crowd-target-image', src: this.getAttribute('src'), alt: 'Image to review' })));
      }
      var categories = this.jsonAttr('categories', []);
      this.categories = Array.isArray(categories) ? categories : [];
      this.exclusion = C.helpers.exclusionText(this.getAttribute('exclusion-category'));
      var fieldset = h('fieldset', { className: 'crowd-choices', 'data-crowd-internal': '' },
        h('legend', { className: 'crowd-visually-hidden', text: 'Moderation labels' }));
      this.inputs = this.categories.map(function (c) {
        var text = C.helpers.labelText(c);
        var parent = c && typeof c === 'object' && (c.parentName || c.ParentName);
        var input = h('input', { type: 'checkbox', value: text });
        input.addEventListener('change', function () { if (input.checked && self.none) { self.none.checked = false; } self.removeAttribute('invalid'); });
        fieldset.appendChild(h('label', { className: 'crowd-choice' }, input, h('span', { className: 'crowd-choice-text', text: text }),
          parent ? h('small', { text: ' (' + parent + ')' }) : null));
        return input;
      });
      if (this.exclusion) {
        this.none = h('input', { type: 'checkbox', value: '' });
        this.none.addEventListener('change', function () {
          if (self.none.checked) { self.inputs.forEach(function (i) { i.checked = false; }); }
          self.removeAttribute('invalid');
        });
        fieldset.appendChild(h('label', { className: 'crowd-choice crowd-exclusion' }, this.none, h('span', { text: this.exclusion })));
      }
      layout.main.appendChild(fieldset);
    }
    selected() {
      var self = this;
      return this.categories.filter(function (c, i) { return self.inputs[i].checked; }).map(function (c) {
        if (c && typeof c === 'object') { return { name: c.name || c.Name, parentName: c.parentName !== undefined ? c.parentName : (c.ParentName || '') }; }
        return c;
      });
    }
    get value() { return { moderationLabels: this.selected() }; }
    crowdAnswer() {
      var out = {};
      out[REKOGNITION_KEY] = this.value;
      return out;
    }
    crowdValidate() {
      if (!this.exclusion || this.selected().length || (this.none && this.none.checked)) { return null; }
      return C.helpers.invalid(this, 'Choose the labels that apply, or "' + this.exclusion + '"', this.inputs[0] || this.none);
    }
  }

  C.define({
    'crowd-textract-analyze-document': CrowdTextractAnalyzeDocument,
    'crowd-rekognition-detect-moderation-labels': CrowdRekognitionDetectModerationLabels
  });
})();
