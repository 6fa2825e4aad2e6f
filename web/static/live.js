// The board refreshes itself every 20 seconds by fetching its own table
// (partial=1). Without JavaScript the page is complete; reload to refresh.
(function () {
  var box = document.getElementById("board");
  if (!box || !window.fetch) { return; }
  var src = box.getAttribute("data-src");
  setInterval(function () {
    fetch(src, { credentials: "same-origin" }).then(function (r) {
      if (r.ok) { return r.text(); }
      throw new Error(r.status);
    }).then(function (html) { box.innerHTML = html; }).catch(function () {});
  }, 20000);
})();
