// Lists the caught mail from GET /api/dev/mail; everything is written as text, never as HTML.
(function () {
  'use strict';
  var form = document.getElementById('filter');
  var to = document.getElementById('to');
  var body = document.getElementById('mail');
  var status = document.getElementById('status');
  var auto = document.getElementById('auto');
  var timer = null;

  function cell(row, text, pre) {
    var td = document.createElement('td');
    if (pre) {
      var block = document.createElement('pre');
      block.textContent = text;
      td.appendChild(block);
    } else {
      td.textContent = text;
    }
    row.appendChild(td);
  }

  function show(items) {
    body.replaceChildren();
    items.forEach(function (mail) {
      var row = document.createElement('tr');
      cell(row, new Date(mail.receivedAt).toLocaleString());
      cell(row, mail.to);
      cell(row, mail.subject);
      cell(row, mail.text, true);
      cell(row, (mail.attachments || []).map(function (file) {
        return file.filename + ' (' + file.contentType.split(';')[0] + ')' + (file.content ? '\n\n' + file.content : '');
      }).join('\n\n'), true);
      body.appendChild(row);
    });
    var count = items.length === 1 ? '1 mail' : items.length + ' mails';
    status.textContent = count + (to.value ? ' to ' + to.value : '') + ', updated ' + new Date().toLocaleTimeString();
  }

  function load() {
    var query = to.value.trim() ? '?to=' + encodeURIComponent(to.value.trim()) : '';
    return fetch('/api/dev/mail' + query, {headers: {Accept: 'application/json'}})
      .then(function (response) {
        if (!response.ok) {
          throw new Error('the server answered ' + response.status);
        }
        return response.json();
      })
      .then(function (answer) { show(answer.items); })
      .catch(function (error) { status.textContent = 'Could not load the caught mail: ' + error.message; });
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    load();
  });
  document.getElementById('refresh').addEventListener('click', load);
  auto.addEventListener('click', function () {
    var on = timer === null;
    if (on) {
      timer = setInterval(load, 5000);
      load();
    } else {
      clearInterval(timer);
      timer = null;
    }
    auto.setAttribute('aria-pressed', String(on));
  });

  var params = new URLSearchParams(location.search);
  if (params.get('to')) {
    to.value = params.get('to');
  }
  load();
}());
