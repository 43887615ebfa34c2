// Topics: this shop's recent messages of the central Kafka topics trigger, trigger-dlq and <edge> (GET /topics), as
// the edge's monitor keeps them, newest first; a dead letter (a trigger delivery could not start) can be replayed:
// its trigger event is sent to the trigger topic again (POST /topics/replay). Message data is only shown as text.
import { el, fieldList, getJson, postJson, setStatus } from './edgeloop.js';

const LIMIT = 50;

const status = document.getElementById('status');
const list = document.getElementById('messages');
const tabs = [...document.querySelectorAll('[data-topic]')];
let topic = 'trigger';

start();

async function start() {
  try {
    const config = await getJson('config.json');
    document.getElementById('topic-edge').dataset.topic = config.edgeId;
  } catch (e) {
    setStatus(status, 'The shop settings cannot be loaded: ' + e.message, 'error');
    return;
  }
  tabs.forEach((tab) => tab.addEventListener('click', () => choose(tab.dataset.topic)));
  document.getElementById('refresh').addEventListener('click', () => load());
  choose(new URLSearchParams(location.search).get('topic') || 'trigger');
}

function choose(chosen) {
  topic = tabs.some((tab) => tab.dataset.topic === chosen) ? chosen : 'trigger';
  tabs.forEach((tab) => tab.setAttribute('aria-pressed', String(tab.dataset.topic === topic)));
  load();
}

async function load() {
  const shown = topic;
  setStatus(status, 'Loading ' + shown + '…', 'busy');
  try {
    const answer = await getJson('/topics?topic=' + encodeURIComponent(shown) + '&limit=' + LIMIT);
    if (shown !== topic) {
      return;
    }
    list.replaceChildren(...answer.messages.map(entry));
    setStatus(status, answer.messages.length
      ? answer.messages.length + ' latest message(s) of ' + shown + '.'
      : 'No message of this shop on ' + shown + ' yet.', 'ok');
  } catch (e) {
    setStatus(status, 'The messages cannot be loaded: ' + e.message, 'error');
  }
}

function entry(record) {
  const deadLetter = record.topic === 'trigger-dlq';
  const message = record.message || {};
  const when = new Date(record.time);
  const item = el('li', { className: 'event', dataset: { id: record.id, tone: deadLetter ? 'error' : 'info' } },
    el('time', { dateTime: when.toISOString() }, when.toLocaleString()),
    el('p', { className: 'event-title' }, title(record.topic, message)),
    fieldList([['Partition', record.partition], ['Offset', record.offset],
      ...(deadLetter ? [['Why', message.error], ['Attempts', message.attempts]] : [])]),
    el('pre', {}, JSON.stringify(deadLetter ? message.event : message, null, 2)));
  if (deadLetter) {
    const button = el('button', { className: 'button primary replay', type: 'button' }, 'Replay');
    button.addEventListener('click', () => replay(record, item, button));
    item.append(button);
  }
  return item;
}

function title(name, message) {
  if (name === 'trigger') {
    return 'Training triggered: batch ' + message.batchId;
  }
  if (name === 'trigger-dlq') {
    const event = message.event && typeof message.event === 'object' ? message.event : {};
    return 'Not started: batch ' + (event.batchId || '?');
  }
  return 'Event ' + (message.name || '?') + (message.stage ? ' (' + message.stage + ')' : '');
}

async function replay(record, item, button) {
  button.disabled = true;
  setStatus(status, 'Sending the trigger of ' + record.id + ' again…', 'busy');
  try {
    const answer = await postJson('/topics/replay', { id: record.id });
    item.remove();
    setStatus(status, 'Sent again to ' + answer.topic + ': batch ' + (answer.event?.batchId || '?') + '.', 'ok');
  } catch (e) {
    button.disabled = false;
    setStatus(status, 'Not replayed: ' + e.message, 'error');
  }
}
