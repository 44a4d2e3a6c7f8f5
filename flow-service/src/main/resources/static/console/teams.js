(function (RS) {
  'use strict';
  var el = RS.el;

  RS.start(function () {
    RS.api('/console/api/teams').then(function (list) {
      var body = RS.clear(document.querySelector('#teams tbody'));
      list.teams.forEach(function (team) {
        body.appendChild(el('tr', { 'data-team': team.name }, [
          el('td', { text: team.name }),
          el('td', {}, [el('ul', {}, team.members.map(function (m) {
            return el('li', { text: m.kind + ': ' + m.name + (m.userPool ? ' (' + m.userPool + ')' : '') });
          }))]),
          el('td', {}, (team.flows || []).map(function (f) {
            return el('div', {}, [el('a', { href: '/console/flow.html?name=' + RS.enc(f), text: f })]);
          })),
          el('td', { text: team.description }),
          el('td', { text: RS.time(team.updated) })
        ]));
      });
    }).catch(function (e) { RS.showError(e); });
  });
})(window.RS);
