(function (RS) {
  'use strict';
  var el = RS.el;

  function load() {
    return RS.api('/console/api/flows').then(function (list) {
      var body = RS.clear(document.querySelector('#flows tbody'));
      list.flows.forEach(function (flow) {
        body.appendChild(el('tr', { 'data-flow': flow.name }, [
          el('td', {}, [el('a', { href: '/console/flow.html?name=' + RS.enc(flow.name), text: flow.name })]),
          el('td', { className: 'num', text: String(flow.version) }),
          el('td', { text: flow.status }),
          el('td', { text: flow.workteam || '' }),
          el('td', { text: flow.taskUi || '' }),
          el('td', { text: flow.hasConditions ? 'yes' : 'none: every input' }),
          el('td', { text: RS.time(flow.creationTime) })
        ]));
      });
    }).catch(function (e) { RS.showError(e); });
  }

  RS.start(function (me) {
    load();
    if (me.canChange) {
      RS.flowForm(document.getElementById('new-flow'), { id: 'new-flow-form', submitText: 'Create flow',
        onSubmit: function (request, form) {
          RS.api('/console/api/flows', { method: 'POST', body: request }).then(function () {
            RS.showOk('Created ' + request.FlowDefinitionName);
            RS.fieldErrors(form, null);
            load();
          }).catch(function (e) { RS.showError(e, form); });
        } });
    }
  });
})(window.RS);
