// Price check: a photo goes to POST /detection; a known product shows its price tag, an unknown one the products
// to choose from, and the choice sends the same photo to POST /ingestion as a labelled example.
import { el, format, percent, photoPicker, postJson, setStatus } from './edgeloop.js';

const status = document.getElementById('status');
const result = document.getElementById('result');
const unknown = document.getElementById('unknown');
const products = document.getElementById('products');

photoPicker({
  container: document.getElementById('photo-buttons'),
  cameraPrimary: true,
  preview: document.getElementById('preview'),
  status,
  onPhoto: detect,
});

async function detect(image) {
  result.hidden = true;
  unknown.hidden = true;
  setStatus(status, 'Checking the photo…', 'busy');
  const detection = await postJson('/detection', { image });
  if (detection.known) {
    showPriceTag(detection);
  } else {
    showChoices(image, detection.products || []);
  }
}

function showPriceTag(detection) {
  document.getElementById('pricetag').textContent = detection.pricetag;
  document.getElementById('result-label').textContent = format(detection.label);
  document.getElementById('result-probability').textContent = percent(detection.probability);
  document.getElementById('result-model-version').textContent = format(detection.modelVersion);
  result.hidden = false;
  setStatus(status, '', 'ok');
}

function showChoices(image, names) {
  products.replaceChildren(...names.map((product) =>
    el('li', {}, el('button', { type: 'button', className: 'button', onclick: () => label(image, product) }, product))));
  unknown.hidden = false;
  setStatus(status, names.length ? '' : 'Not recognised, and there are no products to choose from.', 'ok');
}

async function label(image, product) {
  setStatus(status, 'Filing the photo as ' + product + '…', 'busy');
  try {
    const stored = await postJson('/ingestion', { image, product });
    unknown.hidden = true;
    setStatus(status, 'Thank you: the photo is filed as ' + product + ' (' + stored.key + ').', 'ok');
  } catch (e) {
    setStatus(status, e.message, 'error');
  }
}
