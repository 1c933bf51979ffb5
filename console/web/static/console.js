// The console's only script: loads a profile file into its textarea, and on a run page follows
// the run's progress over server-sent events (the browser resends Last-Event-ID on reconnect).
'use strict';

document.addEventListener('DOMContentLoaded', () => {
  for (const input of document.querySelectorAll('input[type=file][data-load-into]')) {
    input.addEventListener('change', () => {
      const file = input.files && input.files[0];
      const target = document.getElementById(input.dataset.loadInto);
      if (!file || !target) return;
      file.text().then((text) => {
        target.value = text;
      });
    });
  }
  const progress = document.getElementById('progress');
  if (progress) follow(progress);
});

function text(tag, content, cls) {
  const el = document.createElement(tag);
  el.textContent = content;
  if (cls) el.className = cls;
  return el;
}

function follow(section) {
  const runId = section.dataset.run;
  const list = document.getElementById('progress-tests');
  const bar = document.getElementById('progress-bar');
  const count = document.getElementById('progress-count');
  const box = document.getElementById('instructions');
  const boxBody = document.getElementById('instructions-body');
  const stateEl = document.getElementById('run-state');
  const items = new Map();
  const item = (testId, title) => {
    let li = items.get(testId);
    if (!li) {
      li = document.createElement('li');
      li.dataset.test = testId;
      li.append(text('span', 'running', 'state state-wait'), ' ', text('span', testId + (title ? ' ' + title : '')), ' ', text('span', '', 'msg muted'));
      list.append(li);
      items.set(testId, li);
    }
    return li;
  };
  const source = new EventSource('/runs/' + encodeURIComponent(runId) + '/events');
  source.addEventListener('progress', (m) => {
    const e = JSON.parse(m.data);
    if (e.type === 'run-start') {
      bar.max = Math.max(1, e.total);
      count.textContent = '0 of ' + e.total;
    } else if (e.type === 'test-start') {
      item(e.testId, e.title);
    } else if (e.type === 'instructions') {
      box.hidden = false;
      boxBody.replaceChildren(
        text('p', e.transaction, 'transaction'),
        text('p', e.text),
        text('p', 'The simulator waits ' + Math.round(e.timeoutMs / 1000) + ' s for it (test ' + e.testId + ', step ' + e.stepId + ').', 'muted'),
      );
    } else if (e.type === 'step-end') {
      box.hidden = true;
    } else if (e.type === 'test-end') {
      const li = item(e.testId);
      const st = li.querySelector('.state');
      st.textContent = e.state;
      st.className = 'state state-' + e.state;
      li.querySelector('.msg').textContent = e.message || '';
      bar.max = Math.max(1, e.total);
      bar.value = e.done;
      count.textContent = e.done + ' of ' + e.total;
    } else if (e.type === 'run-end') {
      box.hidden = true;
    }
  });
  source.addEventListener('state', (m) => {
    const s = JSON.parse(m.data);
    if (stateEl) {
      stateEl.textContent = s.state;
      stateEl.className = 'run-state run-' + s.state;
    }
    if (s.final) {
      source.close();
      // The finished run's page carries the report links and the label decision.
      if (section.dataset.live === '1') window.location.reload();
    }
  });
}
