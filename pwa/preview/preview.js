// The live preview (python build.py serve): pages of a preview build load this; published builds
// never do. It listens to the preview server (Server-Sent Events), reloads the page when a new
// build is served, and shows the content's problems over the last good build until they are
// fixed. Messages are shown as text, never as markup.
const root = document.documentElement;
const { base } = root.dataset;
const EVENTS = `${base}_preview/events`;

// The build this page is from. The server names it in every answer (Server-Timing, which pages
// can read on localhost and over https); elsewhere, the first build the channel names stands in.
const timing = performance.getEntriesByType('navigation')[0]?.serverTiming || [];
let pageBuild = timing.find((entry) => entry.name === 'corner-preview')?.description || '';
let source = null;

function element(tag, text = '', className = '') {
  const made = document.createElement(tag);
  made.textContent = text;
  if (className) made.className = className;
  return made;
}

const plural = (count, word) => `${count} ${word}${count === 1 ? '' : 's'}`;

// role="alert": screen readers announce the problems as they appear, without moving focus.
function showProblems(problems) {
  let panel = document.getElementById('preview-problems');
  if (!problems.length) {
    panel?.remove();
    return;
  }
  if (!panel) {
    panel = element('section', '', 'preview-problems');
    panel.id = 'preview-problems';
    panel.setAttribute('role', 'alert');
    panel.setAttribute('aria-labelledby', 'preview-problems-title');
    document.body.prepend(panel);
  }
  const title = element('h2', `The preview is not up to date: ${plural(problems.length, 'problem')} in the content`);
  title.id = 'preview-problems-title';
  const list = element('ul');
  list.append(...problems.map((problem) => element('li', problem)));
  const hide = element('button', 'Hide');
  hide.type = 'button';
  hide.addEventListener('click', () => { panel.hidden = true; });
  const heading = element('div', '', 'preview-problems-heading'); // the button stays in reach above a long list
  heading.append(title, hide);
  panel.hidden = false;
  panel.replaceChildren(heading,
    element('p', 'This page is the last good preview. Fix the file and save: this message goes away.'), list);
}

function showConnection(connected) {
  let note = document.getElementById('preview-connection');
  if (connected) {
    note?.remove();
    return;
  }
  if (note) return;
  note = element('p', 'The live preview has stopped: start python build.py serve again to see your changes.', 'preview-connection');
  note.id = 'preview-connection';
  note.setAttribute('role', 'status');
  document.body.append(note);
}

function connect() {
  source = new EventSource(EVENTS);
  source.addEventListener('message', ({ data }) => {
    const { build, problems } = JSON.parse(data);
    pageBuild ||= build;
    if (build !== pageBuild) {
      source.close();
      location.reload(); // the browser keeps the scroll position
      return;
    }
    showConnection(true);
    showProblems(problems);
    root.dataset.preview = 'live';
  });
  // EventSource tries again by itself (the server asks for a second's wait).
  source.addEventListener('error', () => {
    if (source.readyState !== EventSource.OPEN) showConnection(false);
  });
}

// A hidden tab lets go of its connection (browsers allow only six per server over HTTP/1.1) and
// catches up when shown again.
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') {
    source?.close();
    source = null;
  } else if (!source) connect();
});
if (document.visibilityState !== 'hidden') connect();
