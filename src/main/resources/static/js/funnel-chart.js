// A sequence's funnel: leads credited to it that reached each stage (or a later one), as horizontal bars. The data
// is in the canvas's data attributes; no inline script (the CSP forbids it).
(function () {
  var canvas = document.getElementById('funnel-chart');
  if (!canvas || !window.Chart) { return; }
  var labels = canvas.dataset.labels ? canvas.dataset.labels.split('|') : [];
  var values = canvas.dataset.values ? canvas.dataset.values.split('|').map(Number) : [];
  new window.Chart(canvas, {
    type: 'bar',
    data: { labels: labels, datasets: [{ label: 'Leads', data: values, backgroundColor: '#84adff' }] },
    options: {
      indexAxis: 'y', responsive: true, maintainAspectRatio: false, animation: false,
      scales: {
        x: { beginAtZero: true, title: { display: true, text: 'Leads (credited to this sequence)' }, ticks: { precision: 0 } },
        y: { title: { display: true, text: 'Stage reached' } }
      },
      plugins: { legend: { display: false } }
    }
  });
})();
