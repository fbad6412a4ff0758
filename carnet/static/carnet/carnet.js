// Carnet's only script besides htmx: no inline JavaScript anywhere (CSP).
// Forms or buttons with data-confirm ask before they submit.
document.addEventListener("submit", (event) => {
  const message = event.target.dataset.confirm;
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
});
