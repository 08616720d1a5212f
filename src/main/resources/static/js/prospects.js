// The prospects list: "Select page" ticks or clears every home's box (no inline script: the CSP forbids it).
(function () {
  var all = document.getElementById('select-all');
  if (!all) { return; }
  all.addEventListener('change', function () {
    document.querySelectorAll('#bulk input[name=home]').forEach(function (c) { c.checked = all.checked; });
  });
})();
