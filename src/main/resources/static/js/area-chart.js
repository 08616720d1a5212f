// The area page's chart: roofing permits per month (bars), the 2x12-month trend (line) and a three-month forecast
// with its 95% interval (shaded). Data from the page's JSON endpoint; no inline script (the CSP forbids it).
(function () {
  var canvas = document.getElementById('trend-chart');
  if (!canvas || !window.Chart) { return; }
  fetch(canvas.dataset.url, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
    .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
    .then(function (t) {
      var note = document.getElementById('trend-note');
      if (!t.months.length) { note.textContent = 'No roofing permits in this area yet.'; return; }
      var labels = t.months.map(function (m) { return m.month; }).concat(t.forecast.map(function (f) { return f.month; }));
      var pad = function (values, before) { return new Array(before).fill(null).concat(values); };
      var n = t.months.length;
      new window.Chart(canvas, {
        data: {
          labels: labels,
          datasets: [
            { type: 'bar', label: 'Roofing permits', data: t.months.map(function (m) { return m.permits; }), backgroundColor: '#84adff' },
            { type: 'line', label: 'Trend (12-month centred average)', data: t.months.map(function (m) { return m.trend; }), borderColor: '#1f3a5f', pointRadius: 0, spanGaps: false },
            { type: 'line', label: 'Forecast', data: pad(t.forecast.map(function (f) { return f.permits; }), n), borderColor: '#d9822b', borderDash: [5, 4], pointRadius: 3 },
            { type: 'line', label: '95% interval (high)', data: pad(t.forecast.map(function (f) { return f.high; }), n), borderColor: 'rgba(217,130,43,0.25)', backgroundColor: 'rgba(217,130,43,0.15)', pointRadius: 0, fill: '+1' },
            { type: 'line', label: '95% interval (low)', data: pad(t.forecast.map(function (f) { return f.low; }), n), borderColor: 'rgba(217,130,43,0.25)', pointRadius: 0 }
          ]
        },
        options: {
          responsive: true, maintainAspectRatio: false, animation: false,
          scales: {
            x: { title: { display: true, text: 'Month' } },
            y: { beginAtZero: true, title: { display: true, text: 'Roofing permits per month' }, ticks: { precision: 0 } }
          },
          plugins: { legend: { position: 'bottom' } }
        }
      });
      note.textContent = t.area + ': ' + n + ' months. ' + (t.seasonal.length ? 'Seasonal pattern from ' + Math.floor(n / 12) + ' years. ' : 'Under 24 months: no seasonal pattern yet. ') + 'Method: ' + t.method + '.';
    })
    .catch(function () { document.getElementById('trend-note').textContent = 'The chart could not load.'; });
})();
