(function (RS) {
  'use strict';
  var el = RS.el;

  function load() {
    return RS.api('/console/api/task-uis').then(function (list) {
      var body = RS.clear(document.querySelector('#task-uis tbody'));
      var select = document.getElementById('preview-ui');
      var chosen = RS.params().get('ui') || select.value;
      RS.clear(select);
      list.taskUis.forEach(function (ui) {
        select.appendChild(el('option', { value: ui.name, text: ui.name, selected: ui.name === chosen }));
        var remove = el('button', { type: 'button', className: 'rs-button rs-danger rs-change', text: 'Delete',
          'aria-label': 'Delete ' + ui.name });
        remove.addEventListener('click', function () {
          if (!window.confirm('Delete task UI ' + ui.name + '?')) { return; }
          RS.api('/console/api/task-uis/' + RS.enc(ui.name), { method: 'DELETE' })
            .then(function () { RS.showOk('Deleted ' + ui.name); load(); })
            .catch(function (e) { RS.showError(e); });
        });
        var preview = el('button', { type: 'button', className: 'rs-button', text: 'Preview',
          'aria-label': 'Preview ' + ui.name });
        preview.addEventListener('click', function () { select.value = ui.name; show(); });
        body.appendChild(el('tr', { 'data-ui': ui.name }, [el('td', { text: ui.name }),
          el('td', { text: RS.time(ui.creationTime) }), el('td', {}, [preview]),
          el('td', { className: 'rs-change' }, [remove])]));
      });
    }).catch(function (e) { RS.showError(e); });
  }

  function show() {
    var name = document.getElementById('preview-ui').value;
    var input = document.getElementById('preview-input').value;
    try { JSON.parse(input); } catch (e) { RS.showError({ message: 'The sample input is not JSON: ' + e.message }); return; }
    RS.setParams({ ui: name });
    document.getElementById('preview').src = '/console/preview/task-uis/' + RS.enc(name) + '?input=' + RS.enc(input);
  }

  RS.start(function (me) {
    load().then(function () { if (RS.params().get('ui')) { show(); } });
    document.getElementById('preview-form').addEventListener('submit', function (e) { e.preventDefault(); show(); });
    if (!me.canChange) { return; }
    var kit = document.getElementById('ui-kit');
    RS.api('/console/api/kits').then(function (answer) {
      answer.kits.forEach(function (k) { kit.appendChild(el('option', { value: k, text: k })); });
    }).catch(function (e) { RS.showError(e); });
    kit.addEventListener('change', function () {
      if (!kit.value) { return; }
      RS.api('/console/api/kits/' + RS.enc(kit.value) + '/template').then(function (t) {
        document.getElementById('ui-content').value = t.content;
        var name = document.getElementById('ui-name');
        if (!name.value) { name.value = kit.value + '-ui'; }
      }).catch(function (e) { RS.showError(e); });
    });
    var form = document.getElementById('new-ui-form');
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var name = document.getElementById('ui-name').value.trim();
      RS.api('/console/api/task-uis', { method: 'POST', body: { HumanTaskUiName: name,
        UiTemplate: { Content: document.getElementById('ui-content').value } } }).then(function () {
        RS.fieldErrors(form, null);
        RS.showOk('Created ' + name);
        load();
      }).catch(function (err) { RS.showError(err, form); });
    });
  });
})(window.RS);
