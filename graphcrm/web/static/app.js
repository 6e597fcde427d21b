// Site-wide behaviour: "/" focuses the search box (unless you are typing somewhere).
document.addEventListener("keydown", (event) => {
  if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
  const target = event.target;
  if (target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName))) return;
  const box = document.querySelector("input[data-hotkey='/']");
  if (box) { event.preventDefault(); box.focus(); box.select(); }
});
