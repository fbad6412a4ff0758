// The figure picker of a narrative section: a button inserts its figure's token
// ({youths_in_contact}) where the cursor stands in the text. No inline script (CSP).
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-insert-token]");
  if (!button) {
    return;
  }
  event.preventDefault();
  const field = document.getElementById(button.dataset.target);
  if (!field) {
    return;
  }
  const token = button.dataset.insertToken;
  const start = field.selectionStart ?? field.value.length;
  const end = field.selectionEnd ?? field.value.length;
  field.value = field.value.slice(0, start) + token + field.value.slice(end);
  field.focus();
  field.setSelectionRange(start + token.length, start + token.length);
});
