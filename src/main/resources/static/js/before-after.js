// The before-and-after slider of a home's imagery: the range input sets how much of the "before" image shows over
// the "after" one. Delegated, so it works on cards htmx loads later; no inline script (the CSP forbids it).
(function () {
  document.addEventListener('input', function (e) {
    var range = e.target;
    if (!range.classList || !range.classList.contains('ba-range')) { return; }
    var box = range.closest('[data-ba]');
    if (box) { box.style.setProperty('--ba', range.value + '%'); }
  });
})();
