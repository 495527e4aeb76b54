// Runs before the page is drawn (a plain script in <head>): the theme chosen on this device, if
// any, so a dark page never flashes white at night. pwa/personal.js saves the choice.
// It also marks the page as scripted, so that the theme toggle (shown by pwa/personal.js) has its
// place from the first paint instead of pushing the page down when it appears.
document.documentElement.dataset.scripted = '';
// Copy buttons (in the page, pwa/personal.js) show only where the browser can copy.
if (navigator.clipboard) document.documentElement.dataset.clipboard = '';
try {
  // The key pwa/personal.js saves it under: the page's storage prefix (corner/site/assets.py), "theme".
  const theme = JSON.parse(localStorage.getItem(`${document.documentElement.dataset.storage}theme`));
  if (theme === 'light' || theme === 'dark') document.documentElement.dataset.theme = theme;
} catch (error) {
  // No storage (private mode) or nothing saved: follow the system setting.
}
