// Dead letters by source topic and reason, a page at a time (the page's URL names its filter and start); one
// record's headers and bytes; replay of the selected ones to the topics they came from.
'use strict';

(() => {
  const {el, get, post, showError} = ConsoleApi;
  const params = new URLSearchParams(location.search);
  const body = document.querySelector('#dead-letters tbody');
  const summary = document.getElementById('summary');
  const result = document.getElementById('replay-result');
  const record = document.getElementById('record');
  const sourceSelect = document.getElementById('source-topic');
  const reasonSelect = document.getElementById('reason');
  let next = null;

  function query(from) {
    const q = new URLSearchParams();
    if (sourceSelect.value) q.set('sourceTopic', sourceSelect.value);
    if (reasonSelect.value) q.set('reason', reasonSelect.value);
    if (from) q.set('from', from);
    return q;
  }

  async function filters() {
    const offered = await get('/console/api/dead-letters/filters');
    offered.sourceTopics.forEach(t => sourceSelect.append(el('option', {value: t, text: t})));
    offered.reasons.forEach(r => reasonSelect.append(el('option', {value: r, text: r})));
    sourceSelect.value = params.get('sourceTopic') || '';
    reasonSelect.value = params.get('reason') || '';
  }

  async function load(from) {
    const q = query(from);
    history.replaceState(null, '', '?' + q);
    try {
      const page = await get('/console/api/dead-letters?' + q);
      next = page.next;
      body.replaceChildren(...page.records.map(r => el('tr', {'data-id': r.id},
        el('td', {}, el('input', {type: 'checkbox', name: 'id', value: r.id, 'aria-label': 'Select ' + r.id})),
        el('td', {}, el('a', {href: '#' + r.id, onclick: event => { event.preventDefault(); show(r.id); },
          text: r.id})),
        el('td', {text: r.timestamp}),
        el('td', {text: r.sourceTopic || '–'}),
        el('td', {text: r.reason || '–'}),
        el('td', {text: r.message || ''}),
        el('td', {class: 'number', text: r.replays}))));
      summary.textContent = `${page.records.length} shown of ${page.total} dead letters kept; `
        + `${page.remaining} after this page (${page.scanned} read for it).`;
      document.getElementById('next-page').disabled = page.remaining === 0;
    } catch (error) {
      showError(summary, error);
    }
  }

  async function show(id) {
    try {
      const r = await get('/console/api/dead-letters/' + encodeURIComponent(id));
      record.replaceChildren(
        el('h2', {text: 'Dead letter ' + r.id}),
        el('table', {id: 'headers'}, el('tbody', {}, r.headers.map(h =>
          el('tr', {}, el('th', {text: h.name}), el('td', {text: h.value}))))),
        el('h3', {text: `Key (${r.key.format})`}), el('pre', {id: 'record-key', text: r.key.content ?? ''}),
        el('h3', {text: `Value (${r.value.format})`}),
        el('pre', {id: 'record-value', 'data-format': r.value.format, text: r.value.content ?? ''}),
        el('button', {type: 'button', id: 'replay-one', text: 'Replay this one', class: 'rs-change',
          onclick: () => replay([r.id])}));
    } catch (error) {
      showError(record, error);
    }
  }

  async function replay(ids) {
    if (ids.length === 0) {
      result.textContent = 'Select the dead letters to replay first.';
      return;
    }
    try {
      const done = await post('/console/api/dead-letters/replay', {ids});
      result.replaceChildren(el('span', {class: 'replayed', text: 'Replayed: ' + done.replayed.map(r =>
        `${r.id} to ${r.topic} (partition ${r.partition}, offset ${r.offset}, replay ${r.replays})`).join('; ')}));
    } catch (error) {
      showError(result, error);
    }
  }

  document.getElementById('filters').addEventListener('submit', event => {
    event.preventDefault();
    load(null);
  });
  document.getElementById('next-page').addEventListener('click', () => load(next));
  document.getElementById('select-all').addEventListener('change', event =>
    body.querySelectorAll('input[type=checkbox]').forEach(box => { box.checked = event.target.checked; }));
  document.getElementById('replay-form').addEventListener('submit', event => {
    event.preventDefault();
    replay([...body.querySelectorAll('input[type=checkbox]:checked')].map(box => box.value));
  });

  filters().then(() => load(params.get('from')), error => showError(summary, error));
  if (location.hash.length > 1) {
    show(location.hash.substring(1));
  }
})();
