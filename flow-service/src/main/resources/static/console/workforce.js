// Per worker: tasks answered, time to answer and agreement with the consolidated answer; per team: answers per minute.
'use strict';

(() => {
  const {el, get, every, duration, showError} = ConsoleApi;
  const body = document.querySelector('#workers tbody');
  const chart = ConsoleCharts.timeSeries(document.getElementById('throughput-chart'), 'Answers per minute',
    'answers');

  async function load() {
    try {
      const stats = await get('/console/api/stats/workforce');
      const series = {};
      stats.teams.forEach(t => { series[t.team] = t.answersPerMinute; });
      chart.update(stats.minuteStarts, series);
      body.replaceChildren(...stats.workers.map(w => el('tr', {'data-worker': w.workerId},
        el('td', {text: w.workerId}),
        el('td', {class: 'number answered', text: w.answered}),
        el('td', {class: 'number', text: duration(w.meanSecondsToAnswer)}),
        el('td', {class: 'number agreement',
          text: w.agreement === null ? '– (no loop with two answers)' : Math.round(w.agreement * 100) + ' %'}))));
    } catch (error) {
      showError(body, error);
    }
  }

  every(5000, load);
})();
