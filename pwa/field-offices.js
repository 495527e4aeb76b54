// The field-office finder: choose a state or territory (and the part of it, where offices share
// one) from the list or the map; the answer is announced, and the office's area is marked on the map.
const finder = document.querySelector('[data-field-offices]');
if (finder) setUpFinder(finder);

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function officeAnswer(place, region, office) {
  // No template literal inside another: the minifier would squeeze the inner one's spaces.
  const where = region ? [place.name, region].join(', ') : place.name;
  const heading = element('p', `${where}: `, 'fo-answer-office');
  heading.append(element('strong', `${office.name} field office`));
  return [heading, element('p', `${office.name} covers ${office.area}.`)];
}

function splitAnswer(place, offices) {
  const list = element('ul');
  for (const [region, id] of place.answers) list.append(element('li', `${region}: ${offices[id].name}`));
  const count = new Set(place.answers.map(([, id]) => id)).size;
  return [element('p', `${place.name} is shared by ${count} field offices. Choose the county or region:`), list];
}

function noOfficeAnswer(place) {
  return [element('p', `${place.name}: the source lists no field office for ${place.name}.`, 'fo-answer-office')];
}

// The chosen place is outlined; the office's whole area is striped, with a dashed outline where
// it covers only part of a state: never colour alone.
function markMap(tiles, code, office) {
  const partly = new Map((office ? office.covers : []).map(([state, region]) => [state, Boolean(region)]));
  for (const tile of tiles) {
    const state = tile.dataset.state;
    tile.classList.toggle('is-office', partly.get(state) === false);
    tile.classList.toggle('is-part', partly.get(state) === true);
    if (state === code) tile.setAttribute('aria-current', 'true');
    else tile.removeAttribute('aria-current');
  }
}

// The map is one stop in the tab order (the chosen square, else the first); arrow keys move
// to the nearest square that way, straight ahead before diagonal.
function rove(tiles, target) {
  for (const tile of tiles) tile.setAttribute('tabindex', tile === target ? '0' : '-1');
}

function neighbour(tiles, from, key) {
  const [dx, dy] = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }[key];
  let best = null;
  let bestCost = Infinity;
  for (const tile of tiles) {
    const columns = Number(tile.dataset.column) - Number(from.dataset.column);
    const rows = Number(tile.dataset.row) - Number(from.dataset.row);
    const ahead = columns * dx + rows * dy;
    const cost = ahead * 10 + Math.abs(columns * dy + rows * dx) * 11;
    if (ahead > 0 && cost < bestCost) [best, bestCost] = [tile, cost];
  }
  return best;
}

// On a phone the answer is below the select and above the map: bring it into view after a choice.
// Not after Enter on a square (a click with no pointer, detail 0): keyboard focus stays in sight.
function bringIntoView(answer) {
  const still = matchMedia('(prefers-reduced-motion: reduce)').matches;
  answer.scrollIntoView({ block: 'nearest', behavior: still ? 'auto' : 'smooth' });
}

function setUpMap(tiles, choose) {
  for (const tile of tiles) {
    tile.addEventListener('click', (event) => {
      event.preventDefault();
      choose(tile.dataset.state, event.detail > 0);
    });
    tile.addEventListener('keydown', (event) => {
      if (!event.key.startsWith('Arrow')) return;
      event.preventDefault(); // the map moves focus, not the page
      const next = neighbour(tiles, tile, event.key);
      if (!next) return;
      rove(tiles, next);
      next.focus();
    });
  }
  rove(tiles, tiles[0]);
}

function setUpFinder(root) {
  const { offices, places } = JSON.parse(root.dataset.fieldOffices);
  const stateSelect = root.querySelector('#fo-state');
  const regionField = root.querySelector('[data-region-field]');
  const regionSelect = regionField.querySelector('select');
  const answer = root.querySelector('[role="status"]');
  const cite = document.querySelector('[data-fo-cite]');
  const tiles = [...document.querySelectorAll('.fo-tile')];

  function fillRegions(place) {
    regionField.hidden = !(place && place.answers.some(([region]) => region));
    if (regionField.hidden) return;
    regionField.querySelector('label').textContent = `County or region of ${place.name}`;
    const prompt = new Option(`Choose the part of ${place.name}`, '');
    regionSelect.replaceChildren(prompt, ...place.answers.map(([region], index) => new Option(region, String(index))));
  }

  function show(code) {
    const place = places[code];
    const split = !regionField.hidden;
    const picked = place && (split ? place.answers[regionSelect.value] : place.answers[0]);
    const office = picked ? offices[picked[1]] : null;
    let parts = [];
    if (office) parts = officeAnswer(place, split ? picked[0] : null, office);
    else if (place) parts = split ? splitAnswer(place, offices) : noOfficeAnswer(place);
    // Every answer ends with the source, its date and the official page, as the page shows them below.
    if (place) parts.push(...[...cite.children].map((node) => node.cloneNode(true)));
    answer.replaceChildren(...parts);
    markMap(tiles, code, office);
    const chosenTile = tiles.find((tile) => tile.dataset.state === code);
    if (chosenTile) rove(tiles, chosenTile);
  }

  function choose(code, reveal) {
    stateSelect.value = places[code] ? code : '';
    fillRegions(places[stateSelect.value]);
    show(stateSelect.value);
    if (reveal && stateSelect.value) bringIntoView(answer);
    // The choice stays in the address, for reload and sharing; #state-TX is also its row in the list.
    const url = new URL(location.href);
    url.hash = stateSelect.value ? `state-${stateSelect.value}` : '';
    history.replaceState(history.state, '', url);
  }

  stateSelect.addEventListener('change', () => choose(stateSelect.value, true));
  regionSelect.addEventListener('change', () => {
    show(stateSelect.value);
    bringIntoView(answer);
  });
  setUpMap(tiles, choose);
  root.hidden = false;
  document.querySelector('[data-fo-key]').hidden = false;
  const linked = /^#state-([A-Z]{2})$/.exec(location.hash);
  if (linked && places[linked[1]]) choose(linked[1], true);
}
