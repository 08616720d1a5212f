// The roof card's pitch tool: two clicks on the street view (the lower corner of a gable's edge, then its peak) give
// the rise over run, rounded to a standard pitch and set in the card's Pitch field. Delegated, so it works on cards
// htmx loads later; no inline script (the CSP forbids it).
(function () {
  var PITCHES = [2, 3, 4, 5, 6, 7, 8, 9, 10, 12];
  document.addEventListener('click', function (e) {
    var img = e.target;
    var box = img.closest && img.closest('[data-pitch]');
    if (!box || img.tagName !== 'IMG') { return; }
    var rect = img.getBoundingClientRect();
    var x = (e.clientX - rect.left) * img.naturalWidth / rect.width;
    var y = (e.clientY - rect.top) * img.naturalHeight / rect.height;
    var card = box.closest('#roof');
    var result = card.querySelector('.pitchresult');
    var line = box.querySelector('.pitchline');
    if (!box.dataset.x1) {
      box.dataset.x1 = x; box.dataset.y1 = y;
      line.setAttribute('x1', x); line.setAttribute('y1', y); line.setAttribute('x2', x); line.setAttribute('y2', y);
      line.removeAttribute('hidden');
      result.textContent = 'Now click the peak.';
      return;
    }
    var dx = Math.abs(x - box.dataset.x1), dy = Math.abs(y - box.dataset.y1);
    line.setAttribute('x2', x); line.setAttribute('y2', y);
    delete box.dataset.x1; delete box.dataset.y1;
    if (dx < 5) { result.textContent = 'The two points are one above the other: click along the roof\'s edge.'; return; }
    var rise = 12 * dy / dx;
    var best = PITCHES.reduce(function (a, b) { return Math.abs(b - rise) < Math.abs(a - rise) ? b : a; });
    var select = card.querySelector('select[name=pitch]');
    if (select) { select.value = best + '/12'; }
    result.textContent = 'About ' + rise.toFixed(1) + '/12, set to ' + best + '/12. Press "Analyse again" to use it.';
  });
})();
