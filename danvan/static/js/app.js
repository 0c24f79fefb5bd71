// Small progressive enhancements; every page works without JavaScript.
document.addEventListener("DOMContentLoaded", () => {
  // Send Django's CSRF token with every htmx request.
  const token = document.querySelector('meta[name="csrf-token"]');
  if (token) {
    document.body.addEventListener("htmx:configRequest", (event) => {
      event.detail.headers["X-CSRFToken"] = token.content;
    });
  }
  // Registering a petition: choosing a returning citizen fills the form.
  document.body.addEventListener("click", (event) => {
    const item = event.target.closest("[data-citizen-id]");
    if (!item) return;
    const form = item.closest("form");
    form.querySelector("[name=citizen_id]").value = item.dataset.citizenId;
    for (const [field, key] of [["full_name", "name"], ["phone", "phone"], ["id_number", "idNumber"], ["address", "address"]]) {
      const input = form.querySelector(`[name=${field}]`);
      if (input) input.value = item.dataset[key] || "";
    }
    const chosen = document.getElementById("citizen-chosen");
    if (chosen) chosen.textContent = item.dataset.name;
    document.getElementById("citizen-results").innerHTML = "";
  });
  // A form marked data-once cannot be sent twice by a double click.
  document.querySelectorAll("form[data-once]").forEach((form) => {
    form.addEventListener("submit", () => {
      setTimeout(() => form.querySelectorAll("button[type=submit]").forEach((b) => { b.disabled = true; }), 0);
    });
  });
  // Language and commune switchers submit on change.
  document.querySelectorAll("select[data-autosubmit]").forEach((el) => {
    el.addEventListener("change", () => el.form.submit());
  });
});
