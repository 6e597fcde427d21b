// The review page: choosing the record to keep re-picks every field's value for that record,
// except the fields the admin chose by hand.
(function () {
  "use strict";
  function ready() {
    const form = document.getElementById("merge-form");
    if (!form || !form.dataset.picks) return;
    const picks = JSON.parse(form.dataset.picks);
    const pickedFor = form.querySelector("input[name=choices_for]");
    const overridden = new Set();
    form.addEventListener("change", function (event) {
      const input = event.target;
      if (input.name && input.name.startsWith("value-")) {
        overridden.add(input.name.slice("value-".length));
        return;
      }
      if (input.name !== "survivor" || !picks[input.value]) return;
      for (const [field, source] of Object.entries(picks[input.value])) {
        if (overridden.has(field)) continue;
        const radio = form.querySelector(`input[name="value-${CSS.escape(field)}"][value="${CSS.escape(source)}"]`);
        if (radio) radio.checked = true;
      }
      pickedFor.value = input.value;
      // hand-made choices stay as they are: the server keeps them whoever is kept
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
