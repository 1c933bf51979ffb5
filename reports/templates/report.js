(function () {
  'use strict';
  // Filters only: the data comes from the JSON block and is never turned into markup.
  var data = JSON.parse(document.getElementById('run-data').textContent);
  var filter = { state: '', actor: '', req: '' };
  var tests = document.querySelectorAll('tbody.test');
  var reqs = document.querySelectorAll('tr.requirement');
  var shown = document.getElementById('shown');

  function matches(item, useActor) {
    if (filter.state && item.state !== filter.state) return false;
    if (useActor && filter.actor && item.actor !== filter.actor) return false;
    if (filter.req && item.reqIds.indexOf(filter.req) < 0) return false;
    return true;
  }

  function apply() {
    var n = 0;
    tests.forEach(function (row) {
      var ok = matches(data.tests[Number(row.getAttribute('data-index'))], true);
      row.hidden = !ok;
      if (ok) n += 1;
    });
    reqs.forEach(function (row) {
      var r = data.requirements[Number(row.getAttribute('data-index'))];
      row.hidden = !matches({ state: r.state, reqIds: [r.id] }, false);
    });
    shown.textContent = n + ' of ' + tests.length + ' tests shown';
  }

  document.querySelectorAll('button[data-state]').forEach(function (button) {
    button.addEventListener('click', function () {
      filter.state = button.getAttribute('data-state');
      document.querySelectorAll('button[data-state]').forEach(function (b) {
        b.setAttribute('aria-pressed', String(b === button));
      });
      apply();
    });
  });
  document.getElementById('filter-actor').addEventListener('change', function (e) {
    filter.actor = e.target.value;
    apply();
  });
  document.getElementById('filter-req').addEventListener('change', function (e) {
    filter.req = e.target.value;
    apply();
  });
  apply();
})();
