// Models: every version the edge has (GET /models) with its accuracy, per-class precision and recall, training report
// (GET /models/<N>/report.svg) and source batches; which version serves, and choosing it (POST /models/serve).
import { el, format, getBlob, getJson, percent, postJson, setStatus } from './edgeloop.js';

const statusLine = document.getElementById('models-status');
const refresh = document.getElementById('refresh');
const serveLatest = document.getElementById('serve-latest');
const list = document.getElementById('versions');
/** How often the page looks again while the model server has not taken up a choice yet. */
const FOLLOW_MS = 1000;

refresh.addEventListener('click', () => load());
serveLatest.addEventListener('click', () => serve('latest'));
load();

async function load(message) {
  refresh.disabled = true;
  try {
    const models = await getJson('/models');
    show(models);
    setStatus(statusLine, message || 'Updated at ' + new Date().toLocaleTimeString() + '.', 'ok');
    return models;
  } catch (e) {
    setStatus(statusLine, e.message, 'error');
    return null;
  } finally {
    refresh.disabled = false;
  }
}

function show(models) {
  document.getElementById('model-name').textContent = format(models.model);
  document.getElementById('served-version').textContent = models.served == null ? 'none' : 'version ' + models.served;
  document.getElementById('serving-mode').textContent = models.pinned == null
    ? 'latest: each new version serves once it arrives'
    : 'you: version ' + models.pinned + ' is pinned';
  document.body.dataset.pinned = models.pinned == null ? '' : String(models.pinned);
  serveLatest.hidden = models.pinned == null;
  document.getElementById('no-versions').hidden = models.versions.length > 0;
  const open = new Set([...list.querySelectorAll('details[open]')].map((details) => details.dataset.version));
  list.replaceChildren(...models.versions.map((version) => versionItem(version, models, open)));
}

function versionItem(version, models, open) {
  const serving = version.served;
  const report = el('details', { className: 'report', dataset: { version: String(version.version) } },
    el('summary', {}, 'Training report'));
  report.addEventListener('toggle', () => report.open && loadReport(report, version), { once: false });
  if (open.has(String(version.version)) || (open.size === 0 && serving)) {
    report.open = true;
  }
  const metrics = version.metrics || {};
  return el('li', { id: 'version-' + version.version, className: 'version', dataset: { version: String(version.version),
    serving: String(serving) } },
  el('h3', {}, 'Version ' + version.version, serving ? el('span', { className: 'badge' }, 'serving') : null,
    models.pinned === version.version ? el('span', { className: 'badge pinned' }, 'pinned') : null),
  el('dl', { className: 'fields' },
    el('dt', {}, 'Accuracy'), el('dd', { className: 'accuracy' }, percent(version.accuracy)),
    el('dt', {}, 'Trained'), el('dd', {}, version.created ? new Date(version.created).toLocaleString() : '–'),
    el('dt', {}, 'Photos'), el('dd', {}, format(metrics.trainingImages) + ' trained, ' + format(metrics.heldOut)
      + ' held out to test'),
    el('dt', {}, 'Batches'), el('dd', { className: 'batches' }, format(version.batches)),
    el('dt', {}, 'Model server'), el('dd', { className: 'state' }, stateText(version.state))),
  perClassTable(metrics),
  serveButton(version, models),
  report);
}

/** Roll back to an older version, serve a newer one, or keep the latest serving while newer ones wait. */
function serveButton(version, models) {
  if (models.pinned === version.version) {
    return null;
  }
  const text = version.served ? 'Keep version ' + version.version + ' (newer ones wait)'
    : version.version < (models.served ?? Infinity) ? 'Roll back to version ' + version.version
      : 'Serve version ' + version.version;
  return el('button', { className: 'button serve', type: 'button', onclick: () => serve(version.version) }, text);
}

function perClassTable(metrics) {
  const perClass = metrics.perClass || {};
  return el('table', { className: 'per-class' },
    el('caption', {}, 'Per class, on the held-out photos'),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Class'), el('th', { scope: 'col' }, 'Precision'),
      el('th', { scope: 'col' }, 'Recall'))),
    el('tbody', {}, Object.entries(perClass).map(([label, scores]) => el('tr', { dataset: { label } },
      el('th', { scope: 'row' }, label), el('td', {}, percent(scores.precision)), el('td', {}, percent(scores.recall))))));
}

async function loadReport(details, version) {
  if (details.querySelector('img')) {
    return;
  }
  try {
    const image = el('img', { className: 'report-image', alt: 'Training curve and confusion matrix of version '
      + version.version, src: URL.createObjectURL(await getBlob(version.report)) });
    details.append(image);
  } catch (e) {
    details.append(el('p', { className: 'status', dataset: { kind: 'error' } }, e.message));
  }
}

const stateText = (state) => (state == null ? 'not loaded since it started' : state.toLowerCase());

/** Pins a version (or 'latest'), then follows GET /models until the model server serves what was chosen. */
async function serve(version) {
  for (const button of document.querySelectorAll('button')) {
    button.disabled = true;
  }
  setStatus(statusLine, version === 'latest' ? 'Going back to the latest version…' : 'Switching to version ' + version + '…',
    'busy');
  try {
    await postJson('/models/serve', { version });
    for (let attempt = 0; attempt < 30; attempt++) {
      const models = await getJson('/models');
      const wanted = version === 'latest' ? Math.max(...models.versions.map((v) => v.version)) : version;
      if (models.served === wanted) {
        show(models);
        setStatus(statusLine, 'Version ' + wanted + ' serves now.', 'ok');
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, FOLLOW_MS));
    }
    await load('Chosen; the model server has not taken it up yet: refresh in a moment.');
  } catch (e) {
    setStatus(statusLine, e.message, 'error');
  } finally {
    for (const button of document.querySelectorAll('button')) {
      button.disabled = false;
    }
  }
}
