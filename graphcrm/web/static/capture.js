// Manual entry: check fields when they change and look for duplicates while typing; suggest companies.
(() => {
  const form = document.getElementById("capture-form");
  if (!form) return;
  const text = JSON.parse(document.getElementById("capture-text").textContent);
  const alertBox = document.getElementById("duplicate-alert");
  const list = document.getElementById("duplicate-list");
  const template = document.getElementById("duplicate-item");
  const csrf = form.querySelector("input[name=csrf_token]").value;
  let timer = null;
  let matchSeq = 0;  // answers can arrive out of order: only the latest one of each kind is shown
  let errorSeq = 0;

  function why(match) {
    if (match.exact.includes("email")) return text.same_email;
    if (match.exact.includes("phone")) return text.same_phone;
    if (match.exact.includes("domain")) return text.same_domain;
    if (match.exact.includes("name")) return text.same_name;
    return text.similar.replace("{score}", Math.round(match.score * 100) + "%");
  }

  function showErrors(errors, touched) {
    for (const input of form.querySelectorAll("[data-check]")) {
      if (touched && input !== touched) continue;
      const slot = document.getElementById("e-" + input.name);
      const message = errors[input.name] || "";
      slot.textContent = message;
      input.closest(".field").classList.toggle("has-error", Boolean(message));
    }
  }

  function showMatches(matches) {
    // The server-rendered alert (after a save attempt) has buttons; a live one only links.
    if (alertBox.dataset.live !== "1" && !alertBox.hidden) return;
    alertBox.dataset.live = "1";
    list.replaceChildren();
    for (const match of matches) {
      const item = template.content.firstElementChild.cloneNode(true);
      const link = item.querySelector("a");
      link.href = match.url;
      link.textContent = match.name || match.id;
      const details = [match.label_name, match.company, match.email, match.phone].filter(Boolean);
      item.querySelector(".muted").textContent = details.join(" · ");
      item.querySelector(".why").textContent = why(match);
      item.dataset.id = match.id;
      list.append(item);
    }
    alertBox.hidden = matches.length === 0;
  }

  async function check(touched, withErrors = true) {
    const mine = ++matchSeq;
    const mineErrors = withErrors ? ++errorSeq : -1;
    const body = new FormData(form);
    body.delete("decision");
    try {
      const response = await fetch(form.dataset.checkUrl, {method: "POST", body, headers: {"X-CSRFToken": csrf}});
      if (!response.ok) return;
      const answer = await response.json();
      if (mineErrors === errorSeq) showErrors(answer.errors, touched);
      if (mine === matchSeq) showMatches(answer.matches);
    } catch (error) {
      // checking is a convenience: saving checks everything again
    }
  }

  form.addEventListener("change", (event) => {
    if (event.target.matches("[data-check], #f-phone-region")) check(event.target.matches("[data-check]") ? event.target : null);
  });
  form.addEventListener("input", (event) => {
    if (!event.target.matches("[data-check]")) return;
    clearTimeout(timer);
    timer = setTimeout(() => check(null, false), 500);
    if (event.target.name === "company_name") suggest(event.target.value);
  });

  let suggestTimer = null;
  function suggest(value) {
    clearTimeout(suggestTimer);
    if (value.trim().length < 2) return;
    suggestTimer = setTimeout(async () => {
      const url = form.dataset.companiesUrl + "?q=" + encodeURIComponent(value);
      try {
        const response = await fetch(url);
        if (!response.ok) return;
        const options = (await response.json()).map((company) => {
          const option = document.createElement("option");
          option.value = company.name;
          return option;
        });
        document.getElementById("company-suggestions").replaceChildren(...options);
      } catch (error) {
        // suggestions are optional
      }
    }, 300);
  }
})();
