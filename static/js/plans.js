// Ritual form: show only the schedule fields that the chosen cadence uses. Without
// JavaScript every field stays visible, and the server ignores the ones that don't apply.
(function () {
  "use strict";

  var FIELDS = {
    daily: [],
    weekly: ["weekdays"],
    times_per_week: ["times_per_week"],
    monthly: ["month_week", "month_weekday"],
  };
  var ALL = ["weekdays", "times_per_week", "month_week", "month_weekday"];

  function update(form) {
    var checked = form.querySelector("input[name=cadence]:checked");
    var shown = FIELDS[checked ? checked.value : ""] || ALL;
    ALL.forEach(function (name) {
      var wrapper = document.getElementById("div_id_" + name);
      if (wrapper) wrapper.hidden = shown.indexOf(name) === -1;
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-ritual-form]").forEach(function (form) {
      form.querySelectorAll("input[name=cadence]").forEach(function (radio) {
        radio.addEventListener("change", function () { update(form); });
      });
      update(form);
    });
  });
})();
