// Training photos: the products come from GET /ingestion/options; each photo goes with the chosen product to
// POST /ingestion, and the stored ones are listed, newest first.
import { el, getJson, photoPicker, postJson, setStatus } from './edgeloop.js';

const form = document.getElementById('ingestion-form');
const product = document.getElementById('product');
const preview = document.getElementById('preview');
const send = document.getElementById('send');
const status = document.getElementById('status');
const sent = document.getElementById('sent');
let image = null;

loadProducts();

photoPicker({
  container: document.getElementById('photo-buttons'),
  preview,
  status,
  onPhoto: async (base64) => {
    image = base64;
    setStatus(status, '', 'info');
    updateSend();
  },
});

product.addEventListener('change', updateSend);

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const label = product.value;
  send.disabled = true;
  setStatus(status, 'Sending the photo of ' + label + '…', 'busy');
  try {
    const stored = await postJson('/ingestion', { image, product: label });
    image = null;
    preview.hidden = true;
    sent.prepend(el('li', { dataset: { key: stored.key, item: stored.item } },
      el('strong', {}, label), ' ', el('code', {}, stored.key)));
    document.getElementById('sent-empty').hidden = true;
    setStatus(status, 'Stored as ' + stored.key + '. Take the next photo when ready.', 'ok');
  } catch (e) {
    setStatus(status, e.message, 'error');
  } finally {
    updateSend();
  }
});

async function loadProducts() {
  try {
    const options = await getJson('/ingestion/options');
    product.replaceChildren(el('option', { value: '' }, 'Choose a product'),
      ...options.products.map((name) => el('option', { value: name }, name)));
  } catch (e) {
    product.replaceChildren(el('option', { value: '' }, 'No products'));
    setStatus(status, 'The products cannot be loaded: ' + e.message, 'error');
  }
}

function updateSend() {
  send.disabled = !(image && product.value);
}
