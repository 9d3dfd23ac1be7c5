// Follow the system's light or dark setting with Bootstrap's colour modes. Loaded in <head>
// without defer, so that the first paint already has the right colours; no inline script.
(function () {
  "use strict";
  var dark = window.matchMedia("(prefers-color-scheme: dark)");
  function apply() {
    document.documentElement.setAttribute("data-bs-theme", dark.matches ? "dark" : "light");
  }
  apply();
  if (dark.addEventListener) dark.addEventListener("change", apply);
})();
