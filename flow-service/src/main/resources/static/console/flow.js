(function (RS) {
  'use strict';
  var el = RS.el;
  var name = RS.params().get('name');
  var versions = [];

  function show(version) {
    var found = versions.filter(function (v) { return String(v.version) === String(version); })[0] || versions[0];
    if (!found) { return; }
    RS.setParams({ name: name, version: found.version });
    document.getElementById('version').value = String(found.version);
    var d = found.definition;
    var conditions = d.HumanLoopActivationConfig
      ? d.HumanLoopActivationConfig.HumanLoopActivationConditionsConfig.HumanLoopActivationConditions : null;
    document.getElementById('conditions').textContent = conditions ? RS.pretty(conditions)
      : 'No conditions: every input is reviewed.';
    document.getElementById('definition').textContent = JSON.stringify(d, null, 2);
    var body = RS.clear(document.querySelector('#changes tbody'));
    if (versions.indexOf(found) === versions.length - 1) {
      body.appendChild(el('tr', {}, [el('td', { colspan: '3',
        text: 'The oldest version the flow definitions topic still holds: nothing to compare with.' })]));
      return;
    }
    found.changes.forEach(function (c) {
      body.appendChild(el('tr', {}, [el('td', { text: c.member }), el('td', { text: c.before === null ? '—' : c.before }),
        el('td', { text: c.after === null ? '—' : c.after })]));
    });
    if (!found.changes.length) { body.appendChild(el('tr', {}, [el('td', { colspan: '3', text: 'No changes.' })])); }
  }

  function load(wanted) {
    return RS.api('/console/api/flows/' + RS.enc(name) + '/versions').then(function (answer) {
      versions = answer.versions;
      var select = RS.clear(document.getElementById('version'));
      versions.forEach(function (v) { select.appendChild(el('option', { value: String(v.version), text: 'v' + v.version })); });
      show(wanted);
      return versions[0];
    });
  }

  /** The evaluated tree, each node with its result as the router decided it. */
  function tree(nodes) {
    return el('ul', { className: 'rs-tree' }, nodes.map(function (node) {
      var result = node.EvaluationResult;
      var children = node.And || node.Or;
      var label = children ? (node.And ? 'And' : 'Or')
        : node.ConditionType + ' ' + JSON.stringify(node.ConditionParameters);
      return el('li', { 'data-result': String(result) }, [
        el('span', { className: result ? 'rs-true' : 'rs-false', text: result ? 'true' : 'false' }), ' ', label,
        children ? tree(children) : null]);
    }));
  }

  function tryConditions(form) {
    var prediction;
    try { prediction = JSON.parse(document.getElementById('try-prediction').value); } catch (e) {
      RS.fieldErrors(form, { fields: { prediction: 'Not JSON: ' + e.message } });
      return;
    }
    RS.api('/console/api/flows/' + RS.enc(name) + '/try', { method: 'POST', body: {
      prediction: prediction, predictionId: document.getElementById('try-id').value,
      version: Number(document.getElementById('version').value) } }).then(function (r) {
      RS.fieldErrors(form, null);
      var out = RS.clear(document.getElementById('try-result'));
      if (!r.applicable) {
        out.appendChild(el('p', { className: 'rs-notice rs-error', id: 'try-verdict',
          text: 'The router would set this prediction aside as a dead letter: ' + r.message }));
        return;
      }
      out.appendChild(el('p', { className: 'rs-notice ' + (r.humanReviewNeeded ? 'rs-error' : 'rs-ok'), id: 'try-verdict',
        text: (r.humanReviewNeeded ? 'Sent to human review' + (r.sampledOnly ? ' (by random sampling alone)' : '')
          : 'Accepted without review') + ' by version ' + r.version + '.' }));
      if (r.evaluatedTree) { out.appendChild(tree(r.evaluatedTree.Conditions)); }
    }).catch(function (e) { RS.showError(e, form); });
  }

  RS.start(function (me) {
    document.getElementById('flow-heading').textContent = 'Flow ' + name;
    document.getElementById('flow-loops').href = '/console/loops.html?flow=' + RS.enc(name);
    document.getElementById('version').addEventListener('change', function (e) { show(e.target.value); });
    var tryForm = document.getElementById('try-form');
    var pick = document.getElementById('try-pick');
    var recent = {};
    RS.api('/console/api/flows/' + RS.enc(name) + '/predictions').then(function (answer) {
      answer.predictions.forEach(function (p) {
        recent[p.predictionId] = p;
        pick.appendChild(el('option', { value: p.predictionId, text: RS.time(p.writtenAt) + ' ' + p.predictionId }));
      });
    }).catch(function (e) { RS.showError(e); });
    pick.addEventListener('change', function () {
      var chosen = recent[pick.value];
      if (!chosen) { return; }
      document.getElementById('try-prediction').value = RS.pretty(chosen.inputContent);
      document.getElementById('try-id').value = chosen.predictionId;
    });
    tryForm.addEventListener('submit', function (e) { e.preventDefault(); tryConditions(tryForm); });
    load(RS.params().get('version')).then(function (newest) {
      if (!me.canChange || !newest) { return; }
      RS.flowForm(document.getElementById('publish'), { id: 'publish-form', name: name, initial: newest.definition,
        submitText: 'Publish version ' + (newest.version + 1),
        onSubmit: function (request, form) {
          RS.api('/console/api/flows/' + RS.enc(name) + '/versions', { method: 'POST', body: request }).then(function () {
            RS.fieldErrors(form, null);
            return load().then(function (now) {
              RS.showOk('Published version ' + now.version);
              document.getElementById('publish-form-submit').textContent = 'Publish version ' + (now.version + 1);
            });
          }).catch(function (e) { RS.showError(e, form); });
        } });
    }).catch(function (e) { RS.showError(e); });
    document.getElementById('delete-flow').addEventListener('click', function () {
      if (!window.confirm('Delete flow ' + name + '? Loops already running finish.')) { return; }
      RS.api('/console/api/flows/' + RS.enc(name), { method: 'DELETE' })
        .then(function () { window.location.href = '/console/flows.html'; })
        .catch(function (e) { RS.showError(e); });
    });
  });
})(window.RS);
