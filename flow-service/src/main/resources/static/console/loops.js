(function (RS) {
  'use strict';
  var el = RS.el;
  var form = document.getElementById('loop-search');
  var body = document.querySelector('#loops tbody');
  var nextButton = document.getElementById('next-page');
  var fields = ['flow', 'status', 'prefix', 'from', 'to', 'order', 'pageSize'];
  var current = null;   // the page shown: its token (null for the first)
  var nextToken = null;
  var stopLive = null;

  function query() {
    var values = {};
    fields.forEach(function (f) { values[f] = document.getElementById(f).value.trim(); });
    return values;
  }

  function load(token) {
    var values = query();
    if (!values.flow) { RS.showError({ message: 'Create a flow first: loops belong to a flow.' }); return null; }
    var shown = Object.assign({}, values, { next: token || '' });
    RS.setParams(shown);
    var search = new URLSearchParams();
    Object.keys(shown).forEach(function (k) { if (shown[k]) { search.set(k, shown[k]); } });
    return RS.api('/console/api/loops?' + search.toString()).then(function (page) {
      current = token || null;
      nextToken = page.next;
      nextButton.disabled = !page.next;
      draw(page);
      RS.fieldErrors(form, null);
    }).catch(function (e) { RS.showError(e, form); });
  }

  function draw(page) {
    RS.clear(body);
    page.loops.forEach(function (loop) {
      body.appendChild(el('tr', { 'data-loop': loop.name }, [
        el('td', {}, [el('a', { href: '/console/loop.html?name=' + RS.enc(loop.name), text: loop.name })]),
        el('td', { className: 'rs-status', text: loop.status }),
        el('td', { text: RS.time(loop.creationTime) }),
        el('td', { text: RS.time(loop.updatedAt) }),
        el('td', { text: loop.outputS3Uri || '' }),
        el('td', { className: 'rs-change' }, [RS.loopActions.buttons(loop, function () { load(current); })])
      ]));
    });
    document.getElementById('loops-summary').textContent = page.loops.length + ' loops on this page'
      + (page.next ? '; more follow' : '') + ' (' + page.scanned + ' read)';
  }

  RS.start(function () {
    var params = RS.params();
    RS.api('/console/api/flows').then(function (list) {
      var select = document.getElementById('flow');
      list.flows.forEach(function (flow) { select.appendChild(el('option', { value: flow.name, text: flow.name })); });
      fields.forEach(function (f) { if (params.get(f)) { document.getElementById(f).value = params.get(f); } });
      load(params.get('next'));
    }).catch(function (e) { RS.showError(e); });
    form.addEventListener('submit', function (e) { e.preventDefault(); load(null); });
    document.getElementById('first-page').addEventListener('click', function () { load(null); });
    nextButton.addEventListener('click', function () { load(nextToken); });
    document.getElementById('live').addEventListener('change', function (e) {
      if (stopLive) { stopLive(); stopLive = null; }
      if (e.target.checked) { stopLive = RS.poll(function () { return load(current); }, 5000); }
    });
  });
})(window.RS);
