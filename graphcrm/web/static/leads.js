// Lead pages: selects and checkboxes marked data-autosubmit submit their form when changed.
document.addEventListener("change", (event) => {
  const target = event.target;
  if (target instanceof HTMLElement && target.hasAttribute("data-autosubmit") && target.form) target.form.submit();
});
