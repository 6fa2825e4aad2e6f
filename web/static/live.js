// Live parts of a page (the board, the outbox queue) refresh themselves
// every 15 seconds by fetching their own HTML (the element's data-live
// URL, which answers the part alone). Without JavaScript the page is
// complete; reload to refresh.
(function () {
  if (!window.fetch) { return; }
  var parts = document.querySelectorAll("[data-live]");
  Array.prototype.forEach.call(parts, function (box) {
    var src = box.getAttribute("data-live");
    setInterval(function () {
      fetch(src, { credentials: "same-origin" }).then(function (r) {
        if (r.ok) { return r.text(); }
        throw new Error(r.status);
      }).then(function (html) { box.innerHTML = html; }).catch(function () {});
    }, 15000);
  });
})();
