// Progressive enhancement only: without JavaScript both sections are shown and the server
// ignores the one that does not apply.
document.addEventListener("DOMContentLoaded", () => {
  const radios = document.querySelectorAll('input[name="method"]');
  const stated = document.getElementById("stated-section");
  const questionnaire = document.getElementById("questionnaire-section");
  if (!radios.length || !stated || !questionnaire) return;
  const update = () => {
    const chosen = document.querySelector('input[name="method"]:checked');
    const method = chosen ? chosen.value : "questionnaire";
    stated.hidden = method !== "stated";
    questionnaire.hidden = method !== "questionnaire";
  };
  radios.forEach((radio) => radio.addEventListener("change", update));
  update();
});
