/*
 * The worker's queue: who I am, my teams' open tasks with counts, and "Start working", which claims the next
 * task and opens its page. Uses only the worker API.
 */
(function () {
  'use strict';
  var notice = document.getElementById('notice');
  var startButton = document.getElementById('start');
  var WAIT_SECONDS = 20;
  var me = null;

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  function say(text, kind) {
    notice.className = text ? 'rs-notice' + (kind ? ' rs-' + kind : '') : '';
    notice.textContent = text || '';
  }

  function toSignIn() { window.location.assign('/login.html?expired'); }

  function getJson(url) {
    return fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } }).then(function (r) {
      if (r.status === 401) { toSignIn(); throw new Error('signed out'); }
      if (!r.ok) { throw new Error(url + ' answered ' + r.status); }
      return r.json();
    });
  }

  function pick(obj, names) {
    for (var i = 0; i < names.length; i++) { if (obj && obj[names[i]] !== undefined && obj[names[i]] !== null) { return obj[names[i]]; } }
    return undefined;
  }
  function teamName(t) { return typeof t === 'string' ? t : pick(t, ['name', 'workteamName', 'team']); }
  function taskId(t) { return pick(t, ['id', 'taskId']); }
  function taskTeam(t) { return pick(t, ['team', 'workteam', 'workteamName']) || '—'; }
  function taskState(t) { return String(pick(t, ['state', 'status']) || 'OPEN'); }
  function claimedByMe(t) {
    var who = pick(t, ['claimedBy', 'worker', 'assignee']);
    return who && me && who === me.username || pick(t, ['claimedByMe', 'mine']) === true;
  }
  function renderUrl(t) { return pick(t, ['renderUrl', 'url']) || '/api/worker/tasks/' + encodeURIComponent(taskId(t)) + '/render'; }

  function since(value) {
    if (!value) { return '—'; }
    var t = typeof value === 'number' ? value : Date.parse(value);
    if (isNaN(t)) { return String(value); }
    var minutes = Math.round((Date.now() - t) / 60000);
    var label = minutes < 1 ? 'just now' : minutes < 60 ? minutes + ' min ago' : Math.round(minutes / 60) + ' h ago';
    return label;
  }

  function showMe(data) {
    me = { username: pick(data, ['username', 'name', 'user']) || 'worker',
      teams: (pick(data, ['teams', 'workteams']) || []).map(teamName) };
    document.getElementById('user').textContent = 'Signed in as ' + me.username;
  }

  function showTasks(data) {
    var tasks = Array.isArray(data) ? data : (pick(data, ['tasks', 'items']) || []);
    var counts = {};
    (me && me.teams || []).forEach(function (t) { counts[t] = 0; });
    tasks.forEach(function (t) { var team = taskTeam(t); counts[team] = (counts[team] || 0) + (claimedByMe(t) ? 0 : 1); });
    if (data && !Array.isArray(data) && Array.isArray(data.teams)) {
      data.teams.forEach(function (t) { counts[teamName(t)] = pick(t, ['open', 'count', 'openTasks']) || counts[teamName(t)] || 0; });
    }
    var grid = document.getElementById('teams');
    grid.textContent = '';
    var total = 0;
    Object.keys(counts).sort().forEach(function (team) {
      total += counts[team];
      var card = el('div', { 'class': 'rs-team' });
      card.appendChild(el('span', { 'class': 'rs-team-count' }, String(counts[team])));
      card.appendChild(el('span', { 'class': 'rs-team-name' }, team));
      grid.appendChild(card);
    });
    document.getElementById('summary').textContent = Object.keys(counts).length
      ? total + (total === 1 ? ' task is' : ' tasks are') + ' waiting for your teams.'
      : 'You are not a member of any work team yet. Ask an administrator to add one of your groups to a team.';
    startButton.disabled = total === 0 && !tasks.some(claimedByMe);

    var body = document.querySelector('#tasks tbody');
    body.textContent = '';
    tasks.forEach(function (t) {
      var row = el('tr');
      row.appendChild(el('td', {}, taskTeam(t)));
      row.appendChild(el('td', {}, pick(t, ['flow', 'flowDefinitionName', 'flowName']) || '—'));
      row.appendChild(el('td', {}, pick(t, ['loopName', 'humanLoopName']) || '—'));
      row.appendChild(el('td', {}, since(pick(t, ['createdAt', 'created', 'creationTime']))));
      row.appendChild(el('td', {}, claimedByMe(t) ? 'Yours' : taskState(t).toLowerCase()));
      var action = el('td');
      if (claimedByMe(t)) {
        action.appendChild(el('a', { href: renderUrl(t), 'class': 'rs-button' }, 'Continue'));
      }
      row.appendChild(action);
      body.appendChild(row);
    });
    document.getElementById('tasks-empty').hidden = tasks.length > 0;
    document.getElementById('tasks').hidden = tasks.length === 0;
  }

  function refresh() {
    return getJson('/api/worker/tasks').then(showTasks).catch(function (e) {
      if (e.message !== 'signed out') { say('Could not load the queue: ' + e.message, 'error'); }
    });
  }

  function start() {
    startButton.disabled = true;
    say('Finding a task for you\u2026 (waiting up to ' + WAIT_SECONDS + ' s for one to arrive)');
    window.ReviewstreamCsrf.get().then(function (csrf) {
      var headers = { Accept: 'application/json' };
      if (csrf.headerToken) { headers[csrf.headerName] = csrf.headerToken; }
      // the server holds the call until a task opens, so a task that arrives meanwhile is handed out at once
      return fetch('/api/worker/tasks/next?waitSeconds=' + WAIT_SECONDS,
        { method: 'POST', credentials: 'same-origin', headers: headers });
    }).then(function (r) {
      if (r.status === 401) { toSignIn(); return null; }
      if (r.status === 204) { say('No tasks are waiting right now. Try again in a moment.'); startButton.disabled = false; return refresh(); }
      if (!r.ok) { throw new Error('the server answered ' + r.status); }
      return r.json().then(function (task) { window.location.assign(renderUrl(task)); });
    }).catch(function (e) {
      startButton.disabled = false;
      say('Could not claim a task: ' + e.message, 'error');
    });
  }

  var params = new URLSearchParams(window.location.search);
  if (params.has('submitted')) { say('Your answer was submitted. Thank you!', 'ok'); }
  else if (params.has('released')) { say('The task went back to the queue.'); }

  startButton.addEventListener('click', start);
  document.getElementById('refresh').addEventListener('click', refresh);
  window.ReviewstreamCsrf.protectForm(document.getElementById('logout-form'), document.getElementById('logout-csrf'));
  getJson('/api/worker/me').then(showMe).catch(function () { return null; }).then(refresh);
  setInterval(function () { if (!document.hidden) { refresh(); } }, 15000);
})();
