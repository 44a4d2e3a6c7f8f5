// A loop's page: loop.html?name=<loop name>. Its timeline from the decision to the completion event, its input, every
// answer, the consolidated answer and agreement, and the output.json itself.
'use strict';

(() => {
  const {el, get, post, del, pretty, duration, showError} = ConsoleApi;
  const target = document.getElementById('loop');
  const params = new URLSearchParams(location.search);
  const name = params.get('name');

  document.getElementById('lookup').addEventListener('submit', event => {
    event.preventDefault();
    const value = document.getElementById('name-input').value.trim();
    if (value) {
      location.search = '?name=' + encodeURIComponent(value);
    }
  });

  function describe(event) {
    switch (event.kind) {
      case 'Decision':
        return [`prediction ${event.predictionId} of ${event.flowDefinitionName} v${event.flowDefinitionVersion}: `
          + `${event.outcome}` + (event.sampled ? ' (random sampling)' : '')
          + (event.activationReasons.length ? `, reasons ${event.activationReasons.join(', ')}` : ''),
          el('div', {class: 'node-results',
            text: 'Condition results (document order): ' + (event.nodeResults.length
              ? event.nodeResults.map(r => r ? 'true' : 'false').join(', ') : 'no conditions')}),
          event.conditionResults ? el('pre', {text: pretty(event.conditionResults)}) : null];
      case 'LoopStarted':
        return [`loop started on ${event.flowDefinitionName} v${event.flowDefinitionVersion} (${event.source})`];
      case 'LoopCommand':
        return [`${event.type} requested`];
      case 'Task': {
        if (event.type === 'OPENED') {
          return [`task ${event.taskId} opened in team ${event.team}'s queue`];
        }
        const held = event.sinceClaimMillis === undefined ? '' : ` after ${duration(event.sinceClaimMillis / 1000)}`;
        const verb = {CLAIMED: 'claimed by', RELEASED: 'released by', LEASE_EXPIRED: 'lease expired for',
          ANSWERED: 'answered by'}[event.type] || event.type;
        return [`task ${event.taskId} (team ${event.team}) ${verb} worker ${event.workerId || '?'}${held}`];
      }
      case 'LoopEnded':
        return [`tasks ended ${event.outcome} with ${event.answerCount} answer(s)`
          + (event.failureReason ? `: ${event.failureReason}` : '')];
      case 'LoopCompleted':
        return [`completion event: ${event.humanLoopStatus}`
          + (event.outputS3Uri ? `, output ${event.outputS3Uri}` : '')
          + (event.failureReason ? `: ${event.failureReason}` : '')];
      default:
        return [event.kind];
    }
  }

  function render(page) {
    document.getElementById('loop-name').textContent = page.humanLoopName;
    const parts = [];
    if (page.status) {
      const s = page.status;
      parts.push(el('p', {id: 'status'}, `Status ${s.humanLoopStatus} · flow ${s.flowDefinitionName} · created `
        + `${s.creationTime}` + (s.failureReason ? ` · ${s.failureReason}` : '')));
      parts.push(actions(page.humanLoopName, s.humanLoopStatus));
    }
    parts.push(el('h2', {text: 'Timeline'}));
    parts.push(el('ol', {id: 'timeline', class: 'timeline'}, page.events.map(event =>
      el('li', {'data-kind': event.kind, 'data-type': event.type},
        el('span', {class: 'when', text: event.at}),
        el('span', {class: 'kind', text: event.kind}),
        describe(event)))));
    if (page.input !== undefined) {
      parts.push(el('h2', {text: 'Input'}), el('pre', {id: 'input', text: pretty(page.input)}));
    }
    parts.push(el('h2', {text: 'Answers'}));
    parts.push(page.answers.length === 0 ? el('p', {id: 'answers', text: 'No answers (yet).'})
      : el('table', {id: 'answers'},
        el('thead', {}, el('tr', {}, ['Worker', 'Task', 'Submitted', 'Time spent', 'Answer']
          .map(h => el('th', {text: h})))),
        el('tbody', {}, page.answers.map(a => el('tr', {},
          el('td', {text: a.workerId + (a.subject ? ` (${a.subject})` : '')}),
          el('td', {text: a.taskId}),
          el('td', {text: a.submissionTime}),
          el('td', {class: 'number', text: duration(a.timeSpentInSeconds)}),
          el('td', {}, el('pre', {text: pretty(a.answerContent)})))))));
    const document_ = page.output && page.output.document;
    parts.push(el('h2', {text: 'Consolidated answer and agreement'}));
    if (document_ && document_.consolidatedAnswer) {
      parts.push(el('pre', {id: 'consolidated', text: pretty(document_.consolidatedAnswer)}),
        el('pre', {id: 'agreement', text: pretty(document_.agreement)}));
    } else {
      parts.push(el('p', {id: 'consolidated', text: page.answers.length === 1
        ? 'One answer: it is the loop\'s answer.' : 'None: fewer than two answers.'}));
    }
    parts.push(el('h2', {text: 'output.json'}));
    if (!page.output) {
      parts.push(el('p', {id: 'output', text: 'No output written (yet).'}));
    } else if (document_) {
      parts.push(el('p', {text: page.output.uri}), el('pre', {id: 'output', text: pretty(document_)}));
    } else {
      parts.push(el('p', {id: 'output', class: 'error', text: `${page.output.uri} could not be read: `
        + page.output.failure}));
    }
    target.replaceChildren(...parts);
  }

  /** Stop while it runs, delete once it has ended: the same calls as StopHumanLoop and DeleteHumanLoop. */
  function actions(loop, status) {
    const result = el('span', {id: 'action-result', role: 'status'});
    const path = '/console/api/loops/' + encodeURIComponent(loop);
    const act = (label, call) => el('button', {type: 'button', id: label.toLowerCase() + '-loop', text: label,
      class: 'rs-change',
      onclick: async () => {
        if (!confirm(`${label} loop ${loop}?`)) {
          return;
        }
        try {
          await call();
          result.textContent = `${label} requested.`;
        } catch (error) {
          showError(result, error);
        }
      }});
    return el('p', {class: 'actions'},
      status === 'IN_PROGRESS' ? act('Stop', () => post(path + '/stop')) : null,
      status === 'IN_PROGRESS' || status === 'STOPPING' ? null : act('Delete', () => del(path)),
      result);
  }

  if (name) {
    document.getElementById('name-input').value = name;
    get('/console/api/loops/' + encodeURIComponent(name) + '/timeline').then(render)
      .catch(error => showError(target, error));
  }
})();
