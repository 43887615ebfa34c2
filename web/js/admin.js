// Admin: the edge's model version (and whether it is pinned: GET /models), objects per bucket and shipments waiting for central (GET /admin/status), and
// shipping the training data to central (POST /zip: the feeder's batch summary, or 202 with the shipment queued).
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
    showOutbox(status.outbox);
    await showPin();
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
    if (batch.status === 'queued') {
      shipResult.replaceChildren(fieldList([['Shipment', batch.shipmentId], ['Attempts', batch.attempts],
        ['Last error', batch.lastError], ['Next attempt', localTime(batch.nextAttempt)]]));
      setStatus(shipLine, 'Central cannot take it now: the shipment waits at the edge and is sent again automatically.', 'busy');
      loadStatus();
      return;
    }
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

/** Whether the serving version was pinned on the Models page (GET /models) or is the latest. */
async function showPin() {
  const pin = document.getElementById('model-pin');
  try {
    const models = await getJson('/models');
    pin.textContent = models.pinned == null ? 'latest: each new version serves once it arrives'
      : 'pinned to version ' + models.pinned + ' (Models page)';
    pin.dataset.pinned = models.pinned == null ? '' : String(models.pinned);
  } catch (e) {
    pin.textContent = 'unknown: ' + e.message;
  }
}

/** The outbox part of the status; null when the outbox cannot be read. */
function showOutbox(outbox) {
  const unknown = outbox == null;
  document.getElementById('outbox-pending').textContent = unknown ? 'unknown' : format(outbox.pending);
  document.getElementById('outbox-oldest').textContent = unknown ? '–' : localTime(outbox.oldest);
  document.getElementById('outbox-last-error').textContent = unknown ? '–' : format(outbox.lastError);
  document.getElementById('outbox-next-attempt').textContent = unknown ? '–' : localTime(outbox.nextAttempt);
}

const localTime = (iso) => (iso ? new Date(iso).toLocaleString() : '–');

function skippedText(entry) {
  if (entry && typeof entry === 'object') {
    const name = entry.entry || entry.name || entry.key;
    return name ? name + ': ' + format(entry.reason) : format(entry);
  }
  return format(entry);
}

const kilobytes = (bytes) => (typeof bytes === 'number' ? (bytes / 1024).toFixed(1) + ' KiB' : '–');
