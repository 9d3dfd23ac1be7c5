// Kindred's small progressive enhancements. Loaded with `defer`; no inline scripts (CSP).
(function () {
  "use strict";

  // Signup: preselect the time zone the browser reports, when the list has it.
  function detectTimeZone() {
    var zone;
    try {
      zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    } catch (e) {
      return;
    }
    if (!zone) return;
    document.querySelectorAll("select[data-detect-time-zone]").forEach(function (select) {
      var option = Array.prototype.find.call(select.options, function (o) {
        return o.value === zone;
      });
      if (option) select.value = zone;
    });
  }

  // Buttons with data-copy-target copy that element's text to the clipboard.
  function copyButtons() {
    document.querySelectorAll("[data-copy-target]").forEach(function (button) {
      button.addEventListener("click", function () {
        var target = document.getElementById(button.getAttribute("data-copy-target"));
        if (!target || !navigator.clipboard) return;
        navigator.clipboard.writeText(target.textContent.trim()).then(function () {
          var status = button.parentElement.querySelector("[data-copy-status]");
          if (status) status.textContent = "Copied.";
        });
      });
    });
  }

  // Forms with data-confirm ask once before a destructive action.
  function confirmForms() {
    document.querySelectorAll("form[data-confirm]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        if (!window.confirm(form.getAttribute("data-confirm"))) event.preventDefault();
      });
    });
  }

  // A form came back with errors: take the focus to their summary at the top, so that a
  // screen reader announces it and the page does not sit on a field far from the error.
  function focusErrorSummary() {
    var summary = document.querySelector("[data-error-summary]");
    if (summary) summary.focus();
  }

  document.addEventListener("DOMContentLoaded", function () {
    focusErrorSummary();
    detectTimeZone();
    copyButtons();
    confirmForms();
  });
})();
