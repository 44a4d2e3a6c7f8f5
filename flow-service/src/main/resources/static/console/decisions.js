// Predictions per second per flow, and what became of them: accepted without review, or reviewed and why.
'use strict';

(() => {
  const {el, get, every, showError} = ConsoleApi;
  const body = document.querySelector('#decisions tbody');
  const note = document.getElementById('decisions-note');
  const chart = ConsoleCharts.timeSeries(document.getElementById('decisions-chart'), 'Predictions per second',
    'per second');

  function share(part, whole) {
    const percent = whole === 0 ? 0 : Math.round(part / whole * 100);
    const bar = el('span', {class: 'share', 'aria-hidden': 'true'});
    bar.style.width = (percent / 2) + 'px';
    return [`${part} (${percent} %)`, bar];
  }

  async function load() {
    try {
      const stats = await get('/console/api/stats/decisions');
      const series = {};
      stats.flows.forEach(f => { series[f.flowDefinitionName] = f.predictionsPerSecond; });
      chart.update(stats.bucketStarts, series);
      body.replaceChildren(...stats.flows.map(f => el('tr', {'data-flow': f.flowDefinitionName},
        el('td', {text: f.flowDefinitionName}),
        el('td', {class: 'number predictions', text: f.predictions}),
        el('td', {class: 'number', text: f.predictionsPerSecond[f.predictionsPerSecond.length - 2] ?? 0}),
        el('td', {class: 'number auto-accepted'}, share(f.autoAccepted, f.predictions)),
        el('td', {class: 'number reviewed'}, share(f.reviewed, f.predictions)),
        ...['ActivationConditions', 'RandomSampling', 'NoConditions', 'StartHumanLoop'].map(reason =>
          el('td', {class: 'number', 'data-reason': reason}, share(f.reviewedBy[reason], f.reviewed))))));
      note.textContent = stats.flows.length === 0 ? 'No decisions in the last hour.'
        : (stats.dropped > 0 ? `${stats.dropped} decisions of flows beyond the counted ones were left out.` : '');
    } catch (error) {
      showError(note, error);
    }
  }

  every(5000, load);
})();
