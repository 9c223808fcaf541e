// synthkit report: filters the record sample; no libraries, no network.
(function () {
  var input = document.getElementById('record-filter');
  var rows = document.querySelectorAll('#records tbody tr');
  var count = document.getElementById('record-count');
  if (!input || !count) {
    return;
  }
  input.addEventListener('input', function () {
    var q = input.value.toLowerCase();
    var shown = 0;
    rows.forEach(function (row) {
      var match = q === '' || row.textContent.toLowerCase().indexOf(q) >= 0;
      row.style.display = match ? '' : 'none';
      shown += match ? 1 : 0;
    });
    count.textContent = shown + ' of ' + rows.length;
  });
})();
