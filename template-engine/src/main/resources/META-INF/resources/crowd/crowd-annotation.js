/*
 * Image annotation crowd elements: bounding boxes, keypoints, polygons, lines, polylines and segmentation masks.
 * Shapes are kept in the image's own pixel coordinates (origin top-left), whatever size the image is shown at.
 */
(function () {
  'use strict';
  var C = window.CrowdElements;
  var h = C.helpers.h;
  var PALETTE = C.helpers.PALETTE;

  function round(v) { return Math.round(v); }

  /**
   * Layout, label picker, image stage with an overlay canvas, a list of drawn shapes with delete buttons,
   * undo (Ctrl+Z), Delete for the selected shape and Escape to cancel a shape in progress.
   */
  class ImageAnnotator extends C.base.CrowdElement {
    init() {
      var self = this;
      var regions = C.helpers.takeRegions(this, C.helpers.TASK_REGIONS);
      var layout = C.helpers.taskLayout(this, this.getAttribute('header'), regions);
      this.labels = this.readLabels();
      this.colors = this.readColors();
      this.currentLabel = this.labels[0] || '';
      this.shapes = [];
      this.draft = null;
      this.selected = -1;
      this.initialUsed = false;
      this.modified = false;

      this._picker = h('fieldset', { className: 'crowd-label-picker', 'data-crowd-internal': '' });
      this.renderPicker();
      layout.side.appendChild(this._picker);
      this.buildTools(layout.side);

      this.image = h('img', { className: 'crowd-stage-image', alt: this.getAttribute('header') || 'Image to annotate', draggable: 'false' });
      this.canvas = h('canvas', { className: 'crowd-stage-canvas ' + C.helpers.A2I_PARTS.canvas, tabindex: '0', role: 'application',
        'aria-label': this.stageHelp() });
      this.stage = h('div', { className: 'crowd-stage' }, this.image, this.canvas);
      layout.main.appendChild(h('p', { className: 'crowd-stage-help', text: this.stageHelp() + this.keyboardHelp() }));
      layout.main.appendChild(this.stage);
      this.list = h('ol', { className: 'crowd-shape-list', 'aria-label': 'Annotations' });
      layout.side.appendChild(h('h3', { className: 'crowd-shape-list-title', text: 'Annotations' }));
      layout.side.appendChild(this.list);

      this.image.addEventListener('load', function () {
        self.naturalWidth = self.image.naturalWidth;
        self.naturalHeight = self.image.naturalHeight;
        self.canvas.width = self.naturalWidth;
        self.canvas.height = self.naturalHeight;
        self.cursor = { x: Math.round(self.naturalWidth / 2), y: Math.round(self.naturalHeight / 2) };
        self.imageLoaded();
        self.redraw();
        self.dispatchEvent(new Event('crowd-image-loaded', { bubbles: true }));
      });
      if (this.getAttribute('src')) { this.image.src = this.getAttribute('src'); }

      this.canvas.addEventListener('pointerdown', function (e) { self.canvas.focus(); self.keyboardCursor = false; self.pointer('down', e); });
      this.canvas.addEventListener('pointermove', function (e) { self.pointer('move', e); });
      this.canvas.addEventListener('pointerup', function (e) { self.pointer('up', e); });
      this.canvas.addEventListener('dblclick', function (e) { self.pointer('dbl', e); });
      this.addEventListener('keydown', function (e) { self.key(e); });
      var initial = this.jsonAttr('initial-value', null);
      if (initial) {
        this.initialUsed = true;
        this.loadInitial(initial);
      }
      this.renderList();
    }

    /**
     * A2I's labels property: templates that let the worker add their own labels set it (the custom-labels samples
     * start from an empty list), and the label picker and the current label follow.
     */
    get labels() { return this._labels || []; }
    set labels(list) {
      this._labels = (Array.isArray(list) ? list : []).map(C.helpers.labelText);
      if (this._labels.indexOf(this.currentLabel) < 0) { this.currentLabel = this._labels[0] || ''; }
      if (this._picker) { this.renderPicker(); this.labelChanged(); }
    }
    renderPicker() {
      var self = this;
      var picker = this._picker;
      picker.textContent = '';
      picker.appendChild(h('legend', { text: 'Label' }));
      var group = C.helpers.nextId('labels');
      this._labels.forEach(function (label, i) {
        var input = h('input', { type: 'radio', name: group, value: label, checked: label === self.currentLabel });
        input.addEventListener('change', function () { self.currentLabel = label; self.labelChanged(); });
        picker.appendChild(h('label', { className: 'crowd-choice' }, input,
          h('span', { className: 'crowd-swatch', style: 'background:' + self.colorOf(label), 'aria-hidden': 'true' }),
          h('span', { text: label }), i < 9 ? h('kbd', { className: 'crowd-shortcut', 'aria-hidden': 'true', text: String(i + 1) }) : null));
      });
      this._labelInputs = Array.prototype.slice.call(picker.querySelectorAll('input'));
      picker.hidden = !this._labels.length;
    }

    readLabels() {
      var labels = this.jsonAttr('labels', []);
      return (Array.isArray(labels) ? labels : []).map(C.helpers.labelText);
    }
    readColors() {
      var given = this.jsonAttr('label-colors', null);
      var colors = {};
      this.labels.forEach(function (l, i) {
        colors[l] = (given && (Array.isArray(given) ? given[i] : given[l])) || PALETTE[i % PALETTE.length];
      });
      return colors;
    }
    colorOf(label) { return this.colors[label] || PALETTE[(this.labels.indexOf(label) + PALETTE.length) % PALETTE.length]; }
    stageHelp() { return 'Draw on the image.'; }
    keyboardHelp() { return ' Keyboard: focus the image, move with the arrow keys (Shift for bigger steps), press Space to place or to start and end a drag.'; }
    buildTools() {}
    imageLoaded() {}
    labelChanged() {}
    loadInitial() {}

    point(e) {
      if (e.imagePoint) { return e.imagePoint; }
      var r = this.canvas.getBoundingClientRect();
      var sx = this.canvas.width / r.width, sy = this.canvas.height / r.height;
      return {
        x: Math.max(0, Math.min(this.canvas.width, (e.clientX - r.left) * sx)),
        y: Math.max(0, Math.min(this.canvas.height, (e.clientY - r.top) * sy))
      };
    }

    pointer() {}

    /**
     * Drawing without a pointer: arrow keys move a cursor over the image (Shift for bigger steps) and Space
     * presses and releases at the cursor, the way a click or the two ends of a drag would.
     */
    cursorKey(e) {
      if (e.target !== this.canvas || !this.cursor) { return false; }
      var step = Math.max(1, Math.round(Math.max(this.canvas.width, this.canvas.height) / (e.shiftKey ? 10 : 100)));
      var moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
      var at = { imagePoint: this.cursor };
      if (moves[e.key]) {
        this.keyboardCursor = true;
        this.cursor = { x: Math.max(0, Math.min(this.canvas.width, this.cursor.x + moves[e.key][0])),
          y: Math.max(0, Math.min(this.canvas.height, this.cursor.y + moves[e.key][1])) };
        this.pointer('move', { imagePoint: this.cursor });
        this.redraw();
        return true;
      }
      if (e.key === ' ') {
        this.keyboardCursor = true;
        if (this.keyDragging) { this.keyDragging = false; this.pointer('up', at); }
        else {
          this.pointer('down', at);
          if (this.dragTool()) { this.keyDragging = true; } else { this.pointer('up', at); }
        }
        this.redraw();
        return true;
      }
      return false;
    }
    dragTool() { return false; }

    key(e) {
      if (/^(INPUT|TEXTAREA)$/.test(e.target.tagName) && e.target.type !== 'radio') { return; }
      if (this.cursorKey(e)) { e.preventDefault(); return; }
      var n = Number(e.key);
      if (n >= 1 && n <= Math.min(9, this._labelInputs.length) && !e.ctrlKey && !e.metaKey) {
        this._labelInputs[n - 1].click();
        e.preventDefault();
      } else if (e.key === 'Escape' && this.draft) {
        this.draft = null; this.redraw(); e.preventDefault();
      } else if ((e.key === 'Delete' || e.key === 'Backspace') && this.selected >= 0 && e.target === this.canvas) {
        this.removeShape(this.selected); e.preventDefault();
      } else if ((e.ctrlKey || e.metaKey) && e.key === 'z') {
        if (this.shapes.length) { this.removeShape(this.shapes.length - 1); }
        e.preventDefault();
      } else if (e.key === 'Enter' && this.draft && e.target === this.canvas) {
        this.finishDraft(); e.preventDefault();
      }
    }
    finishDraft() {}

    addShape(shape) {
      this.shapes.push(shape);
      this.selected = this.shapes.length - 1;
      this.modified = true;
      this.renderList();
      this.redraw();
      this.dispatchEvent(new Event('change', { bubbles: true }));
    }
    removeShape(i) {
      this.shapes.splice(i, 1);
      this.selected = -1;
      this.modified = true;
      this.renderList();
      this.redraw();
      this.dispatchEvent(new Event('change', { bubbles: true }));
    }
    describe(shape) { return shape.label; }
    renderList() {
      var self = this;
      this.list.textContent = '';
      this.shapes.forEach(function (shape, i) {
        var item = h('li', { className: i === self.selected ? 'crowd-selected' : '' },
          h('span', { className: 'crowd-swatch', style: 'background:' + self.colorOf(shape.label), 'aria-hidden': 'true' }),
          h('button', { type: 'button', className: 'crowd-link-button', text: self.describe(shape),
            onclick: function () { self.selected = i; self.renderList(); self.redraw(); } }),
          h('button', { type: 'button', className: 'crowd-btn crowd-btn-icon', 'aria-label': 'Delete ' + self.describe(shape), text: '\u2715',
            onclick: function () { self.removeShape(i); } }));
        self.list.appendChild(item);
      });
    }

    redraw() {
      var ctx = this.canvas.getContext('2d');
      ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
      var unit = Math.max(1, this.canvas.width / Math.max(1, this.canvas.getBoundingClientRect().width || this.canvas.width));
      var self = this;
      this.shapes.forEach(function (s, i) { self.drawShape(ctx, s, i === self.selected, unit); });
      if (this.draft) { this.drawShape(ctx, this.draft, true, unit); }
      this.drawCursor(ctx, unit);
    }
    drawCursor(ctx, unit) {
      if (!this.keyboardCursor || !this.cursor) { return; }
      ctx.strokeStyle = '#f0a800';
      ctx.lineWidth = 2 * unit;
      ctx.beginPath();
      ctx.moveTo(this.cursor.x - 10 * unit, this.cursor.y); ctx.lineTo(this.cursor.x + 10 * unit, this.cursor.y);
      ctx.moveTo(this.cursor.x, this.cursor.y - 10 * unit); ctx.lineTo(this.cursor.x, this.cursor.y + 10 * unit);
      ctx.stroke();
    }
    drawShape() {}

    imageProperties() { return { height: this.naturalHeight || 0, width: this.naturalWidth || 0 }; }
    get value() { var a = this.crowdAnswer(); return a ? a[this.name] : null; }
    get _submittableValue() { return this.value; }
    answerBody() { return {}; }
    crowdAnswer() {
      if (!this.name) { return null; }
      var body = this.answerBody();
      if (this.initialUsed) { body.initialValueModified = this.modified; }
      var out = {};
      out[this.name] = body;
      return out;
    }
    crowdReset() { this.shapes = []; this.draft = null; this.renderList(); this.redraw(); }
  }

  // ---------------------------------------------------------------- vector tools
  function strokeWidth(unit) { return 2 * unit; }

  class CrowdBoundingBox extends ImageAnnotator {
    dragTool() { return true; }
    stageHelp() { return 'Choose a label, then drag on the image to draw a box. Select a box in the list and press Delete to remove it.'; }
    loadInitial(initial) {
      var self = this;
      (Array.isArray(initial) ? initial : initial.boundingBoxes || []).forEach(function (b) {
        self.shapes.push({ label: b.label, left: +b.left, top: +b.top, width: +b.width, height: +b.height });
      });
    }
    pointer(kind, e) {
      var p = this.point(e);
      if (kind === 'down') {
        if (e.pointerId !== undefined) { this.canvas.setPointerCapture(e.pointerId); }
        this.draft = { label: this.currentLabel, x0: p.x, y0: p.y, left: p.x, top: p.y, width: 0, height: 0 };
      } else if (kind === 'move' && this.draft) {
        var d = this.draft;
        d.left = Math.min(d.x0, p.x); d.top = Math.min(d.y0, p.y);
        d.width = Math.abs(p.x - d.x0); d.height = Math.abs(p.y - d.y0);
        this.redraw();
      } else if (kind === 'up' && this.draft) {
        var b = this.draft;
        this.draft = null;
        if (b.width >= 2 && b.height >= 2) {
          this.addShape({ label: b.label, left: round(b.left), top: round(b.top), width: round(b.width), height: round(b.height) });
        } else {
          this.redraw();
        }
      }
    }
    describe(s) { return s.label + ' (' + s.left + ', ' + s.top + ', ' + s.width + '\u00d7' + s.height + ')'; }
    drawShape(ctx, s, selected, unit) {
      ctx.lineWidth = strokeWidth(unit) * (selected ? 1.5 : 1);
      ctx.strokeStyle = this.colorOf(s.label);
      ctx.strokeRect(s.left, s.top, s.width, s.height);
      ctx.fillStyle = this.colorOf(s.label) + '33';
      ctx.fillRect(s.left, s.top, s.width, s.height);
    }
    answerBody() {
      return {
        boundingBoxes: this.shapes.map(function (s) { return { height: s.height, label: s.label, left: s.left, top: s.top, width: s.width }; }),
        inputImageProperties: this.imageProperties()
      };
    }
  }

  class CrowdKeypoint extends ImageAnnotator {
    stageHelp() { return 'Choose a label, then click the image to place a keypoint.'; }
    loadInitial(initial) {
      var self = this;
      (Array.isArray(initial) ? initial : initial.keypoints || []).forEach(function (k) { self.shapes.push({ label: k.label, x: +k.x, y: +k.y }); });
    }
    pointer(kind, e) {
      if (kind !== 'down') { return; }
      var p = this.point(e);
      this.addShape({ label: this.currentLabel, x: round(p.x), y: round(p.y) });
    }
    describe(s) { return s.label + ' (' + s.x + ', ' + s.y + ')'; }
    drawShape(ctx, s, selected, unit) {
      ctx.fillStyle = this.colorOf(s.label);
      ctx.beginPath();
      ctx.arc(s.x, s.y, (selected ? 6 : 4) * unit, 0, Math.PI * 2);
      ctx.fill();
      ctx.lineWidth = unit; ctx.strokeStyle = '#fff'; ctx.stroke();
    }
    answerBody() {
      return {
        inputImageProperties: this.imageProperties(),
        keypoints: this.shapes.map(function (s) { return { label: s.label, x: s.x, y: s.y }; })
      };
    }
  }

  /** Polygons, lines and polylines: vertices by clicks. */
  class VertexTool extends ImageAnnotator {
    minVertices() { return 2; }
    maxVertices() { return Infinity; }
    closed() { return false; }
    listKey() { return 'polylines'; }
    stageHelp() { return 'Choose a label, click to add points; double-click or press Enter to finish, Escape to cancel.'; }
    loadInitial(initial) {
      var self = this;
      (Array.isArray(initial) ? initial : initial[this.listKey()] || []).forEach(function (s) {
        self.shapes.push({ label: s.label, vertices: (s.vertices || []).map(function (v) { return { x: +v.x, y: +v.y }; }) });
      });
    }
    pointer(kind, e) {
      var p = this.point(e);
      if (kind === 'down') {
        if (!this.draft) { this.draft = { label: this.currentLabel, vertices: [] }; }
        var vs = this.draft.vertices;
        if (this.closed() && vs.length >= 3 && Math.hypot(vs[0].x - p.x, vs[0].y - p.y) < 8 * (this.canvas.width / this.canvas.getBoundingClientRect().width)) {
          this.finishDraft();
          return;
        }
        vs.push({ x: round(p.x), y: round(p.y) });
        this.draft.hover = null;
        if (vs.length >= this.maxVertices()) { this.finishDraft(); return; }
        this.redraw();
      } else if (kind === 'move' && this.draft) {
        this.draft.hover = { x: p.x, y: p.y };
        this.redraw();
      } else if (kind === 'dbl' && this.draft) {
        // the double-click's second press already added a duplicate point
        var v = this.draft.vertices;
        if (v.length >= 2 && v[v.length - 1].x === v[v.length - 2].x && v[v.length - 1].y === v[v.length - 2].y) { v.pop(); }
        this.finishDraft();
      }
    }
    finishDraft() {
      var d = this.draft;
      this.draft = null;
      if (d && d.vertices.length >= this.minVertices()) {
        this.addShape({ label: d.label, vertices: d.vertices });
      } else {
        this.redraw();
      }
    }
    describe(s) { return s.label + ' (' + s.vertices.length + ' points)'; }
    drawShape(ctx, s, selected, unit) {
      var vs = s.vertices.slice();
      if (s.hover) { vs.push(s.hover); }
      if (!vs.length) { return; }
      ctx.lineWidth = strokeWidth(unit) * (selected ? 1.5 : 1);
      ctx.strokeStyle = this.colorOf(s.label);
      ctx.beginPath();
      ctx.moveTo(vs[0].x, vs[0].y);
      for (var i = 1; i < vs.length; i++) { ctx.lineTo(vs[i].x, vs[i].y); }
      if (this.closed() && s !== this.draft) { ctx.closePath(); ctx.fillStyle = this.colorOf(s.label) + '33'; ctx.fill(); }
      ctx.stroke();
      ctx.fillStyle = this.colorOf(s.label);
      s.vertices.forEach(function (v) { ctx.fillRect(v.x - 3 * unit, v.y - 3 * unit, 6 * unit, 6 * unit); });
    }
    answerBody() {
      var body = { inputImageProperties: this.imageProperties() };
      body[this.listKey()] = this.shapes.map(function (s) {
        return { label: s.label, vertices: s.vertices.map(function (v) { return { x: v.x, y: v.y }; }) };
      });
      return body;
    }
  }

  class CrowdPolygon extends VertexTool {
    minVertices() { return 3; }
    closed() { return true; }
    listKey() { return 'polygons'; }
    stageHelp() { return 'Choose a label, click to add vertices; click the first vertex, double-click or press Enter to close the polygon.'; }
  }
  class CrowdLine extends VertexTool {
    maxVertices() { return 2; }
    listKey() { return 'lines'; }
    stageHelp() { return 'Choose a label, then click the start and the end of the line.'; }
  }
  class CrowdPolyline extends VertexTool {
    listKey() { return 'polylines'; }
  }

  // ---------------------------------------------------------------- segmentation
  /**
   * Painting into a mask canvas of the image's size. Brush stamps are squares so the mask holds exact label
   * colours (no anti-aliased blends), which is what consumers of the PNG expect.
   */
  class Painter extends ImageAnnotator {
    stageHelp() { return 'Choose a label and paint over the image. Use the eraser to remove paint.'; }
    buildTools(side) {
      var self = this;
      var id = C.helpers.nextId('brush');
      this.brush = 12;
      var size = h('input', { type: 'range', id: id, min: '1', max: '80', value: '12' });
      size.addEventListener('input', function () { self.brush = Number(size.value); });
      this.eraser = h('input', { type: 'checkbox' });
      side.appendChild(h('div', { className: 'crowd-tools', 'data-crowd-internal': '' },
        h('label', { 'for': id, text: 'Brush size' }), size,
        h('label', { className: 'crowd-check' }, this.eraser, h('span', { text: 'Eraser' }))));
    }
    imageLoaded() {
      this.mask = document.createElement('canvas');
      this.mask.width = this.naturalWidth;
      this.mask.height = this.naturalHeight;
      var self = this;
      if (this._initialPng) {
        var img = new Image();
        img.onload = function () { self.mask.getContext('2d').drawImage(img, 0, 0); self.redraw(); };
        img.src = 'data:image/png;base64,' + this._initialPng;
      }
    }
    loadInitial(initial) {
      var png = initial && (initial.labeledImage && initial.labeledImage.pngImageData || initial.pngImageData);
      if (png) { this._initialPng = String(png).replace(/^data:image\/png;base64,/, ''); }
    }
    paintColor() { return this.colorOf(this.currentLabel); }
    stamp(p) {
      var ctx = this.mask.getContext('2d');
      var half = this.brush / 2;
      if (this.eraser.checked) { ctx.clearRect(round(p.x - half), round(p.y - half), this.brush, this.brush); return; }
      ctx.fillStyle = this.paintColor();
      ctx.fillRect(round(p.x - half), round(p.y - half), this.brush, this.brush);
    }
    pointer(kind, e) {
      if (!this.mask) { return; }
      var p = this.point(e);
      if (kind === 'down') {
        if (e.pointerId !== undefined) { this.canvas.setPointerCapture(e.pointerId); }
        this.painting = true; this.last = p; this.strokeStarted(); this.stamp(p); this.modified = true; this.redraw();
      } else if (kind === 'move' && this.painting) {
        var dx = p.x - this.last.x, dy = p.y - this.last.y;
        var steps = Math.max(1, Math.ceil(Math.hypot(dx, dy) / Math.max(1, this.brush / 3)));
        for (var i = 1; i <= steps; i++) { this.stamp({ x: this.last.x + dx * i / steps, y: this.last.y + dy * i / steps }); }
        this.last = p;
        this.redraw();
      } else if (kind === 'up' && this.painting) {
        this.painting = false;
        this.dispatchEvent(new Event('change', { bubbles: true }));
      }
    }
    strokeStarted() {}
    redraw() {
      var ctx = this.canvas.getContext('2d');
      ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
      if (this.mask) { ctx.globalAlpha = 0.55; ctx.drawImage(this.mask, 0, 0); ctx.globalAlpha = 1; }
      this.drawCursor(ctx, Math.max(1, this.canvas.width / Math.max(1, this.canvas.getBoundingClientRect().width || this.canvas.width)));
    }
    dragTool() { return true; }
    renderList() {}
    pngBase64() {
      if (!this.mask) { return ''; }
      return this.mask.toDataURL('image/png').replace(/^data:image\/png;base64,/, '');
    }
    crowdReset() { if (this.mask) { this.mask.getContext('2d').clearRect(0, 0, this.mask.width, this.mask.height); this.redraw(); } }
  }

  class CrowdSemanticSegmentation extends Painter {
    answerBody() {
      var self = this;
      var mappings = {};
      this.labels.forEach(function (l) { mappings[l] = { color: self.colorOf(l) }; });
      return { inputImageProperties: this.imageProperties(), labelMappings: mappings, labeledImage: { pngImageData: this.pngBase64() } };
    }
  }

  /** Every stroke session of one label after picking it is one instance with its own colour. */
  class CrowdInstanceSegmentation extends Painter {
    buildTools(side) {
      super.buildTools(side);
      var self = this;
      this.instances = [];
      side.appendChild(h('button', { type: 'button', className: 'crowd-btn crowd-btn-normal', text: 'New instance',
        onclick: function () { self.current = null; } }));
      this.instanceList = h('ol', { className: 'crowd-shape-list', 'aria-label': 'Instances' });
      side.appendChild(this.instanceList);
    }
    labelChanged() { this.current = null; }
    strokeStarted() {
      if (this.eraser.checked) { return; }
      if (!this.current) {
        var color = PALETTE[this.instances.length % PALETTE.length];
        if (this.instances.length >= PALETTE.length) {
          var n = this.instances.length;
          color = '#' + [(n * 53) % 256, (n * 97) % 256, (n * 151) % 256].map(function (c) { return ('0' + c.toString(16)).slice(-2); }).join('');
        }
        this.current = { color: color, label: this.currentLabel };
        this.instances.push(this.current);
        this.instanceList.appendChild(h('li', {}, h('span', { className: 'crowd-swatch', style: 'background:' + color, 'aria-hidden': 'true' }),
          h('span', { text: this.currentLabel + ' #' + this.instances.length })));
      }
    }
    paintColor() { return this.current ? this.current.color : this.colorOf(this.currentLabel); }
    answerBody() {
      return { inputImageProperties: this.imageProperties(),
        instances: this.instances.map(function (i) { return { color: i.color, label: i.label }; }),
        labeledImage: { pngImageData: this.pngBase64() } };
    }
  }

  C.define({
    'crowd-bounding-box': CrowdBoundingBox,
    'crowd-keypoint': CrowdKeypoint,
    'crowd-polygon': CrowdPolygon,
    'crowd-line': CrowdLine,
    'crowd-polyline': CrowdPolyline,
    'crowd-semantic-segmentation': CrowdSemanticSegmentation,
    'crowd-instance-segmentation': CrowdInstanceSegmentation
  });
  C.base.ImageAnnotator = ImageAnnotator;
})();
