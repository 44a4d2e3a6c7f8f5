/*
 * The form for a flow definition, shared by "new flow" and "publish a new version": fields for the common members,
 * or the whole CreateFlowDefinition request pasted as JSON. Each input names its member (data-member) so that the
 * server's validation messages appear next to it.
 */
(function (RS) {
  'use strict';
  var el = RS.el;
  var CONDITIONS = 'HumanLoopActivationConfig.HumanLoopActivationConditionsConfig.HumanLoopActivationConditions';

  function field(label, input) {
    return el('label', {}, [label, input]);
  }

  /**
   * @param options {name: fixed name or null, initial: DescribeFlowDefinition's answer or null, submitText,
   *                 onSubmit(request, form)}
   */
  function flowForm(container, options) {
    var initial = options.initial || {};
    var loop = initial.HumanLoopConfig || {};
    var conditions = initial.HumanLoopActivationConfig
      ? initial.HumanLoopActivationConfig.HumanLoopActivationConditionsConfig.HumanLoopActivationConditions : '';
    var inputs = {
      name: el('input', { type: 'text', id: 'flow-name', 'data-member': 'FlowDefinitionName',
        value: options.name || '', readonly: !!options.name }),
      conditions: el('textarea', { id: 'flow-conditions', 'data-member': CONDITIONS }),
      team: el('select', { id: 'flow-team', 'data-member': 'HumanLoopConfig.WorkteamArn' }),
      ui: el('select', { id: 'flow-ui', 'data-member': 'HumanLoopConfig.HumanTaskUiArn' }),
      title: el('input', { type: 'text', id: 'flow-title', 'data-member': 'HumanLoopConfig.TaskTitle',
        value: loop.TaskTitle || '' }),
      description: el('input', { type: 'text', id: 'flow-description', 'data-member': 'HumanLoopConfig.TaskDescription',
        value: loop.TaskDescription || '' }),
      count: el('input', { type: 'number', id: 'flow-count', min: '1', max: '3', 'data-member': 'HumanLoopConfig.TaskCount',
        value: String(loop.TaskCount || 1) }),
      output: el('input', { type: 'text', id: 'flow-output', 'data-member': 'OutputConfig.S3OutputPath',
        value: initial.OutputConfig ? initial.OutputConfig.S3OutputPath : '' }),
      role: el('input', { type: 'text', id: 'flow-role', 'data-member': 'RoleArn', value: initial.RoleArn || '' }),
      json: el('textarea', { id: 'flow-json', 'data-member': '*',
        placeholder: '{"FlowDefinitionName": "…", "HumanLoopConfig": {…}, "OutputConfig": {…}, "RoleArn": "…"}' })
    };
    inputs.conditions.value = conditions ? pretty(conditions) : '';
    var form = el('form', { className: 'rs-stack', id: options.id || 'flow-form', novalidate: true }, [
      field('Name', inputs.name),
      field('Activation conditions (JSON; empty: every input is reviewed)', inputs.conditions),
      field('Work team', inputs.team),
      field('Task UI', inputs.ui),
      field('Task title', inputs.title),
      field('Task description', inputs.description),
      field('Reviews per loop (1–3)', inputs.count),
      field('S3 output path', inputs.output),
      field('Role ARN', inputs.role),
      el('details', {}, [el('summary', { text: 'Or paste the whole CreateFlowDefinition request as JSON' }),
        field('Request JSON (used instead of the fields above when not empty)', inputs.json)]),
      el('button', { type: 'submit', className: 'rs-button rs-primary', id: (options.id || 'flow-form') + '-submit',
        text: options.submitText })
    ]);
    RS.clear(container).appendChild(form);

    Promise.all([RS.api('/console/api/teams'), RS.api('/console/api/task-uis')]).then(function (both) {
      both[0].teams.forEach(function (t) {
        inputs.team.appendChild(el('option', { value: t.arn, text: t.name, selected: t.arn === loop.WorkteamArn }));
      });
      both[1].taskUis.forEach(function (u) {
        inputs.ui.appendChild(el('option', { value: u.arn, text: u.name, selected: u.arn === loop.HumanTaskUiArn }));
      });
    }).catch(function (e) { RS.showError(e); });

    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var request;
      if (inputs.json.value.trim()) {
        try { request = JSON.parse(inputs.json.value); } catch (err) {
          RS.showError({ message: 'The pasted request is not JSON: ' + err.message, fields: { '*': err.message } }, form);
          return;
        }
      } else {
        request = {
          FlowDefinitionName: inputs.name.value.trim(),
          HumanLoopConfig: {
            WorkteamArn: inputs.team.value, HumanTaskUiArn: inputs.ui.value, TaskTitle: inputs.title.value,
            TaskDescription: inputs.description.value, TaskCount: Number(inputs.count.value)
          },
          OutputConfig: { S3OutputPath: inputs.output.value.trim() },
          RoleArn: inputs.role.value.trim()
        };
        if (initial.HumanLoopRequestSource) { request.HumanLoopRequestSource = initial.HumanLoopRequestSource; }
        if (inputs.conditions.value.trim()) {
          request.HumanLoopActivationConfig = { HumanLoopActivationConditionsConfig: {
            HumanLoopActivationConditions: inputs.conditions.value.trim() } };
        }
      }
      options.onSubmit(request, form);
    });
    return form;
  }

  function pretty(text) {
    try { return JSON.stringify(JSON.parse(text), null, 2); } catch (e) { return text; }
  }

  RS.flowForm = flowForm;
  RS.pretty = pretty;
})(window.RS);
