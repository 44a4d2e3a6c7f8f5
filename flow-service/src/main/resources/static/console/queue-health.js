// Fills the page's <section id="queue-health">: per work team, open tasks, the oldest one's age, and the last hour's
// claims, answers, releases and lease expiries.
'use strict';

(() => {
  const {el, get, every, duration, showError} = ConsoleApi;
  const section = document.getElementById('queue-health');
  if (!section) {
    return;
  }
  const table = el('table', {id: 'queue-health-table'},
    el('thead', {}, el('tr', {}, ['Team', 'Open tasks', 'Oldest task', 'Claims / h', 'Answers / h', 'Releases / h',
      'Lease expiries / h'].map(h => el('th', {text: h})))),
    el('tbody'));
  section.replaceChildren(el('h2', {text: 'Queue health'}), table);

  every(5000, async () => {
    try {
      const health = await get('/console/api/teams/health');
      table.tBodies[0].replaceChildren(...health.teams.map(t => el('tr', {'data-team': t.team},
        el('td', {text: t.team}),
        el('td', {class: 'number open', text: t.openTasks}),
        el('td', {class: 'number', text: duration(t.oldestTaskAgeSeconds)}),
        el('td', {class: 'number claims', text: t.claimsLastHour}),
        el('td', {class: 'number answers', text: t.answersLastHour}),
        el('td', {class: 'number', text: t.releasesLastHour}),
        el('td', {class: 'number expiries', text: t.leaseExpiriesLastHour}))));
    } catch (error) {
      showError(table.tBodies[0], error);
    }
  });
})();
