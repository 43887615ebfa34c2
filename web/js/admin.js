// Admin: the edge's model version and objects per bucket (GET /admin/status), and shipping the training data to
// central (POST /zip, answered with the feeder's batch summary).
import { el, fieldList, format, getJson, postJson, setStatus } from './edgeloop.js';

const refresh = document.getElementById('refresh');
const ship = document.getElementById('ship');
const statusLine = document.getElementById('status-status');
const shipLine = document.getElementById('ship-status');
const shipResult = document.getElementById('ship-result');

refresh.addEventListener('click', loadStatus);
ship.addEventListener('click', shipData);
loadStatus();

async function loadStatus() {
  refresh.disabled = true;
  setStatus(statusLine, 'Loading…', 'busy');
  try {
    const status = await getJson('/admin/status');
    document.getElementById('edge-id').textContent = format(status.edgeId);
    document.getElementById('model-version').textContent =
      status.modelVersion == null ? 'none yet' : format(status.modelVersion);
    document.querySelector('#buckets tbody').replaceChildren(...Object.entries(status.buckets || {}).map(([bucket, count]) =>
      el('tr', { dataset: { bucket } }, el('th', { scope: 'row' }, bucket), el('td', {}, format(count)))));
    setStatus(statusLine, 'Updated at ' + new Date().toLocaleTimeString() + '.', 'ok');
  } catch (e) {
    setStatus(statusLine, e.message, 'error');
  } finally {
    refresh.disabled = false;
  }
}

async function shipData() {
  ship.disabled = true;
  shipResult.replaceChildren();
  setStatus(shipLine, 'Shipping the training data to central…', 'busy');
  try {
    const batch = await postJson('/zip');
    const skipped = batch.skipped || [];
    shipResult.replaceChildren(fieldList([
      ['Batch', batch.batchId], ['Edge', batch.edgeId], ['New photos stored', batch.stored],
      ['Already there', batch.duplicates], ['Skipped', skipped.length], ['Size', kilobytes(batch.bytes)],
    ]), skipped.length ? el('ul', { className: 'skipped' }, skipped.map((entry) => el('li', {}, skippedText(entry)))) : []);
    setStatus(shipLine, batch.stored > 0
      ? 'Shipped: central starts training on ' + batch.stored + ' new photo(s).'
      : 'Shipped, but central had every photo already: no training starts.', 'ok');
    loadStatus();
  } catch (e) {
    setStatus(shipLine, e.message, 'error');
  } finally {
    ship.disabled = false;
  }
}

function skippedText(entry) {
  if (entry && typeof entry === 'object') {
    const name = entry.entry || entry.name || entry.key;
    return name ? name + ': ' + format(entry.reason) : format(entry);
  }
  return format(entry);
}

const kilobytes = (bytes) => (typeof bytes === 'number' ? (bytes / 1024).toFixed(1) + ' KiB' : '–');
