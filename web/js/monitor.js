// Monitor: the platform's events, newest first, with a summary: the history the edge kept (GET /events) on opening,
// then the same records live over MQTT (topic eventsTopic of config.json, over WebSocket). Each record has an id, so
// the history and the live feed meet without a gap or a duplicate, also after a reconnection. The repeated events
// of one activity (the epochs of a training, the photos of a shipment) update one entry with a progress bar instead
// of flooding the list. Event data is only ever shown as text.
import { el, fieldList, format, getJson, percent, setStatus } from './edgeloop.js';

const MAX_ENTRIES = 200;
const RETRY_MS = 5000;

const connection = document.getElementById('connection');
const historyStatus = document.getElementById('history');
const events = document.getElementById('events');
const summary = {
  modelVersion: document.getElementById('summary-model-version'),
  accuracy: document.getElementById('summary-accuracy'),
  detections: document.getElementById('summary-detections'),
  ingestions: document.getElementById('summary-ingestions'),
};
const counts = { detection: 0, ingestion: 0 };
/** The entry of each running activity (group key -> {entry, state}), state being what it has counted so far. */
const groups = new Map();
const stateOf = (group) => (groups.has(group) ? groups.get(group).state : undefined);
let modelVersionSeen = false;
/** Ids of the records shown; records that come live while the history loads wait in pending. */
const shown = new Set();
let pending = null;

const fieldsOf = (event) => fieldList(Object.entries(event).filter(([key]) => key !== 'name'));
const progress = (value, max, label = 'Training progress') =>
  el('progress', { max: max || 1, ...(value === undefined ? {} : { value }), ariaLabel: label });

const TRAINING = {
  started: (e) => ({
    group: 'training:' + e.edgeId, fresh: true, state: { images: e.images, classes: e.classes },
    title: 'Training started for ' + e.edgeId,
    body: [progress(), fieldList([['Photos', e.images], ['Classes', e.classes], ['Batch', e.batchId]])],
  }),
  epoch: (e, state = stateOf('training:' + e.edgeId) || {}) => ({
    group: 'training:' + e.edgeId, state,
    title: 'Training for ' + e.edgeId + ': epoch ' + e.epoch + ' of ' + e.epochs,
    body: [progress(e.epoch, e.epochs),
      fieldList([['Loss', e.loss], ['Accuracy', percent(e.accuracy)], ['Photos', state.images], ['Classes', state.classes]])],
  }),
  evaluated: (e) => ({
    closes: 'training:' + e.edgeId,
    title: 'New model for ' + e.edgeId + ' evaluated: ' + percent(e.accuracy) + ' right',
    body: [fieldList([['Held-out photos', e.heldOut]])],
  }),
  published: (e) => ({
    tone: 'ok', closes: 'training:' + e.edgeId,
    title: 'Version ' + e.version + ' of ' + e.model + ' published for ' + e.edgeId,
    body: [fieldList([['Accuracy', percent(e.accuracy)]])],
  }),
  rejected: (e) => ({
    tone: 'warn', closes: 'training:' + e.edgeId, title: 'New model for ' + e.edgeId + ' rejected',
    body: [fieldList([['Why', e.reason], ['Accuracy', percent(e.accuracy)]])],
  }),
  failed: (e) => ({
    tone: 'error', closes: 'training:' + e.edgeId, title: 'Training for ' + e.edgeId + ' failed',
    body: [fieldList([['Why', e.reason]])],
  }),
};

/**
 * How each kind of event is shown: event -> {title, body, tone}; an activity's events also name their group (the
 * entry they replace unless fresh), the state the next event of the group gets, or the group they close.
 */
const VIEWS = {
  detection: (e) => ({
    tone: e.valid ? 'ok' : 'warn',
    title: e.valid ? 'Recognised ' + e.item + ': ' + e.price : 'Not recognised (' + format(e.item) + ')',
    body: [fieldList([['Via', e.origin]])],
  }),
  ingestion: (e) => ({ title: 'Training photo of ' + e.item + ' stored', body: [fieldList([['Via', e.origin]])] }),
  zipdata: (e) => shipment(e.shipmentId, { files: e.files }, () => ({
    title: 'Training data packed for central: ' + e.files + ' file(s)', body: [fieldsOf(e)],
  })),
  zipsend: (e) => shipment(e.shipmentId, e.batchId ? { done: true } : {}, () => ({
    tone: e.batchId ? 'ok' : 'warn', ends: Boolean(e.batchId),
    title: e.batchId ? 'Training data taken by central' : 'Training data not taken by central', body: [fieldsOf(e)],
  })),
  zipqueued: (e) => shipment(e.shipmentId, {}, () => ({
    tone: 'warn', title: 'Central unreachable: shipment waits at the edge', body: [fieldsOf(e)],
  })),
  zipretry: (e) => shipment(e.shipmentId, {}, () => ({
    tone: 'warn', title: 'Shipment still waiting for central', body: [fieldsOf(e)],
  })),
  zipdelivered: (e) => shipment(e.shipmentId, { done: true }, () => ({
    tone: 'ok', ends: true, title: 'Waiting shipment taken by central', body: [fieldsOf(e)],
  })),
  zipdropped: (e) => shipment(e.shipmentId, {}, () => ({
    tone: 'error', ends: true, title: 'Waiting shipment refused by central', body: [fieldsOf(e)],
  })),
  zipfile: (e) => shipment(e.batchId, { stored: 1 }, (state) => ({
    title: state.stored + ' photo(s) of ' + e.edgeId + ' stored at central',
    body: [fieldList([['Batch', e.batchId], ['Latest', e.key]])],
  })),
  pipeline: (e) => ({
    title: 'Training triggered for ' + e.edgeId, body: [fieldList([['Batch', e.batchId], ['Photos', e.files]])],
  }),
  training: (e) => viewOf(TRAINING, e.stage)(e),
  pushmodel: (e) => ({
    tone: 'ok', title: 'Model version ' + e.version + ' delivered to the edge (served unless another is pinned)',
    body: [fieldList([['Model', e.model]])],
  }),
  servemodel: (e) => ({
    title: e.version === 'latest' ? 'Back to the latest model version' : 'Model version ' + e.version + ' pinned to serve',
    body: [fieldList([['Model', e.model]])],
  }),
  'pushmodel-refused': (e) => ({
    tone: 'error', title: 'A model version was refused', body: [fieldList([['Manifest', e.key], ['Why', e.error]])],
  }),
};

/**
 * A shipment's events (the shopper's zip* events and the feeder's zipfile events of its batch: the batch id is the
 * shipment id) share one entry with a progress bar: photos stored at central of the files packed, unknown (a moving
 * bar) until the shopper has packed them all, full once central took the shipment.
 */
function shipment(id, change, view) {
  const group = 'shipment:' + id;
  const before = stateOf(group) || { stored: 0 };
  const state = { ...before, ...change, stored: before.stored + (change.stored || 0) };
  const own = view(state);
  const max = state.files || state.stored || 1;
  const bar = progress(state.done ? max : (state.files ? Math.min(state.stored, max) : undefined), max, 'Shipment progress');
  return { ...own, group, state, body: [bar, ...own.body, fieldList([['Stored at central', state.stored]])] };
}

function raw(event) {
  return { title: 'Event ' + format(event.name), body: [el('pre', {}, JSON.stringify(event, null, 2))] };
}

start();

async function start() {
  let config;
  try {
    config = await getJson('config.json');
  } catch (e) {
    setStatus(connection, 'The monitor settings cannot be loaded: ' + e.message, 'error');
    return;
  }
  getJson('/admin/status')
    .then((status) => status.modelVersion != null && !modelVersionSeen && setModelVersion(status.modelVersion))
    .catch(() => { /* shown once the next version is pushed */ });
  connect(brokerUrl(config.mqttUrl), config.eventsTopic);
}

/** On every (re)subscription: the history the page has not shown yet, oldest first, then what came live meanwhile. */
async function catchUp() {
  pending = pending || [];
  try {
    const history = await getJson('/events?limit=' + MAX_ENTRIES);
    history.events.slice().reverse().forEach(display);
    setStatus(historyStatus, history.events.length
      ? 'History: the ' + history.events.length + ' latest event(s) the shop kept, then live.'
      : 'No event kept yet: showing them live.', 'ok');
  } catch (e) {
    setStatus(historyStatus, 'The history cannot be shown (' + e.message + '): live events only.', 'error');
  }
  const waiting = pending;
  pending = null;
  waiting.forEach(display);
}

function receive(record) {
  if (pending) {
    pending.push(record);
  } else {
    display(record);
  }
}

function display(record) {
  if (!shown.has(record.id)) {
    shown.add(record.id);
    show(record.event, record.time, record.id);
  }
}

/** The configured broker, reached on this page's host when the configuration names localhost (a phone on the shop's network). */
function brokerUrl(configured) {
  const local = (host) => ['localhost', '127.0.0.1', '[::1]'].includes(host);
  const url = new URL(configured);
  if (local(url.hostname) && location.hostname && !local(location.hostname)) {
    url.hostname = location.hostname;
  }
  return url.href;
}

function connect(url, topic) {
  if (typeof Paho === 'undefined') {
    setStatus(connection, 'This server does not serve the browser\'s MQTT client (webjars/paho-mqtt).', 'error');
    return;
  }
  const client = new Paho.Client(url, 'monitor-' + Math.random().toString(36).slice(2, 12));
  client.onConnected = () => client.subscribe(topic, {
    qos: 0,
    onSuccess: () => {
      setStatus(connection, 'Live: listening to "' + topic + '" on ' + url, 'ok');
      catchUp();
    },
    onFailure: (r) => setStatus(connection, 'Cannot listen to "' + topic + '": ' + r.errorMessage, 'error'),
  });
  client.onConnectionLost = (r) => setStatus(connection, 'Connection lost (' + r.errorMessage + '), reconnecting…', 'error');
  client.onMessageArrived = (message) => {
    try {
      receive(JSON.parse(message.payloadString));
    } catch (e) {
      add({ title: 'Unreadable message', tone: 'error', body: [el('pre', {}, e.message)] }, 'unreadable');
    }
  };
  const attempt = () => client.connect({
    reconnect: true,
    timeout: 10,
    keepAliveInterval: 30,
    onFailure: (r) => {
      setStatus(connection, 'Cannot reach ' + url + ' (' + r.errorMessage + '), retrying…', 'error');
      setTimeout(attempt, RETRY_MS);
    },
  });
  setStatus(connection, 'Connecting to ' + url + '…', 'busy');
  attempt();
}

function show(event, time, id) {
  if (!event || typeof event !== 'object' || Array.isArray(event)) {
    add({ title: 'Message', body: [el('pre', {}, JSON.stringify(event))] }, 'raw', time, id);
    return;
  }
  summarize(event);
  const view = viewOf(VIEWS, event.name);
  add(view(event), view === raw ? 'raw' : event.name, time, id);
}

function viewOf(views, kind) {
  return Object.prototype.hasOwnProperty.call(views, kind) ? views[kind] : raw;
}

function add(view, name, time, id) {
  if (view.closes) {
    groups.delete(view.closes);
  }
  const when = time ? new Date(time) : new Date();
  const entry = el('li', { className: 'event', dataset: { name, tone: view.tone || 'info', ...(id ? { id } : {}) } },
    el('time', { dateTime: when.toISOString() }, when.toLocaleString()),
    el('p', { className: 'event-title' }, view.title),
    view.body || []);
  const previous = view.group && !view.fresh ? groups.get(view.group) : undefined;
  if (previous) {
    previous.entry.remove();
  }
  if (view.group && view.ends) {
    groups.delete(view.group);
  } else if (view.group) {
    entry.dataset.group = view.group;
    groups.set(view.group, { entry, state: view.state });
  }
  events.prepend(entry);
  document.getElementById('events-empty').hidden = true;
  while (events.children.length > MAX_ENTRIES) {
    const oldest = events.lastElementChild;
    if (oldest.dataset.group && groups.get(oldest.dataset.group)?.entry === oldest) {
      groups.delete(oldest.dataset.group);
    }
    oldest.remove();
  }
}

function summarize(event) {
  if (event.name === 'detection' || event.name === 'ingestion') {
    counts[event.name] += 1;
    summary[event.name === 'detection' ? 'detections' : 'ingestions'].textContent = String(counts[event.name]);
  } else if (event.name === 'pushmodel') {
    setModelVersion(event.version);
  } else if (event.name === 'training' && typeof event.accuracy === 'number' && event.stage !== 'epoch') {
    summary.accuracy.textContent = percent(event.accuracy);
  }
}

function setModelVersion(version) {
  modelVersionSeen = true;
  summary.modelVersion.textContent = format(version);
}
