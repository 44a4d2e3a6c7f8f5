/*
 * One loop's header: its name, status, flow, times and output, with Stop and Delete for operators. Used by the loop
 * list's actions and by the loop page: RS.loopHeader(container, name) draws it, RS.loopActions stops and deletes.
 */
(function (RS) {
  'use strict';
  var el = RS.el;

  function stop(name) {
    return RS.api('/console/api/loops/' + RS.enc(name) + '/stop', { method: 'POST' });
  }

  function remove(name) {
    return RS.api('/console/api/loops/' + RS.enc(name), { method: 'DELETE' });
  }

  /** Stop and Delete buttons for one loop; onDone(loop or null) runs after a change succeeded. */
  function buttons(loop, onDone) {
    var stopButton = el('button', { type: 'button', className: 'rs-button rs-change', 'data-action': 'stop',
      text: 'Stop', disabled: loop.status !== 'InProgress', 'aria-label': 'Stop ' + loop.name });
    var deleteButton = el('button', { type: 'button', className: 'rs-button rs-danger rs-change',
      'data-action': 'delete', text: 'Delete',
      disabled: ['Completed', 'Stopped', 'Failed'].indexOf(loop.status) < 0, 'aria-label': 'Delete ' + loop.name });
    stopButton.addEventListener('click', function () {
      stop(loop.name).then(function (now) { RS.showOk('Stopping ' + loop.name); onDone(now); })
        .catch(function (e) { RS.showError(e); });
    });
    deleteButton.addEventListener('click', function () {
      if (!window.confirm('Delete ' + loop.name + '? Its output stays in the object store.')) { return; }
      remove(loop.name).then(function () { RS.showOk('Deleted ' + loop.name); onDone(null); })
        .catch(function (e) { RS.showError(e); });
    });
    return el('span', { className: 'rs-actions' }, [stopButton, ' ', deleteButton]);
  }

  function header(container, name) {
    return RS.api('/console/api/loops/' + RS.enc(name)).then(function (loop) {
      RS.clear(container).appendChild(el('dl', { className: 'rs-loop-header' }, [
        el('dt', { text: 'Loop' }), el('dd', { id: 'loop-name', text: loop.name }),
        el('dt', { text: 'Status' }), el('dd', { id: 'loop-status', text: loop.status }),
        el('dt', { text: 'Flow' }), el('dd', {}, [el('a', { href: '/console/flow.html?name=' + RS.enc(loop.flow),
          text: loop.flow })]),
        el('dt', { text: 'Created' }), el('dd', { text: RS.time(loop.creationTime) }),
        el('dt', { text: 'Updated' }), el('dd', { text: RS.time(loop.updatedAt) }),
        loop.failureReason ? el('dt', { text: 'Failure' }) : null,
        loop.failureReason ? el('dd', { text: loop.failureCode + ': ' + loop.failureReason }) : null,
        el('dt', { text: 'Output' }), el('dd', { text: loop.outputS3Uri || '—' })
      ]));
      container.appendChild(buttons(loop, function () { header(container, name); }));
      return loop;
    });
  }

  RS.loopHeader = header;
  RS.loopActions = { stop: stop, remove: remove, buttons: buttons };
})(window.RS);
