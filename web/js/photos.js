// Photos: the class balance of the training data (GET /photos/classes) and a grid of one edge bucket's photos, newest
// first (GET /photos, page after page); a photo opens to be labelled as a product (POST /photos/label: it moves into
// the training data) or deleted (DELETE <url>). Images need the admin token too, so they come as object URLs.
import { el, format, getJson, imageUrl, postJson, requestJson, setStatus } from './edgeloop.js';

/** The buckets in the order the page offers them: the review queue first. */
const BUCKETS = [['unclassified', 'Not recognised'], ['valid', 'Recognised'], ['data', 'Training photos']];
const PAGE_SIZE = 48;

const bucketSelect = document.getElementById('bucket');
const classSelect = document.getElementById('class');
const grid = document.getElementById('grid');
const more = document.getElementById('more');
const status = document.getElementById('status');
const dialog = document.getElementById('photo-dialog');
const full = document.getElementById('photo-full');
const product = document.getElementById('product');
const deleteButton = document.getElementById('delete');
const photoStatus = document.getElementById('photo-status');

let dataBucket = null;
let next = null;
let listing = 0;
let opened = null;

bucketSelect.addEventListener('change', () => loadPhotos(true));
classSelect.addEventListener('change', () => loadPhotos(true));
more.addEventListener('click', () => loadPhotos(false));
document.getElementById('label-form').addEventListener('submit', labelOpened);
deleteButton.addEventListener('click', deleteOpened);
document.getElementById('close').addEventListener('click', () => dialog.close());
dialog.addEventListener('close', () => {
  URL.revokeObjectURL(full.src);
  full.removeAttribute('src');
  opened = null;
});
start();

async function start() {
  try {
    const classes = await loadClasses();
    bucketSelect.replaceChildren(...BUCKETS.map(([role, name]) =>
      el('option', { value: classes.buckets[role], dataset: { role } }, name + ' (' + classes.buckets[role] + ')')));
    const options = await getJson('/ingestion/options');
    product.replaceChildren(el('option', { value: '' }, 'Choose a product'),
      el('optgroup', { label: 'Products' }, options.products.map((name) => el('option', { value: name }, name))),
      el('optgroup', { label: 'Classes in the training data' },
        Object.keys(classes.classes).map((item) => el('option', { value: item }, item))));
    await loadPhotos(true);
  } catch (e) {
    setStatus(status, e.message, 'error');
  }
}

/** The bar chart of photos per class of the data bucket, and the class filter's choices. */
async function loadClasses() {
  const classes = await getJson('/photos/classes');
  dataBucket = classes.bucket;
  document.getElementById('data-bucket').textContent = dataBucket;
  const counts = Object.entries(classes.classes);
  const most = Math.max(1, ...counts.map(([, count]) => count));
  document.getElementById('classes').replaceChildren(...counts.map(([item, count]) => {
    const bar = el('span', { className: 'bar', title: count + ' photos' });
    bar.style.width = (100 * count / most) + '%';
    return el('li', { dataset: { item, count } }, el('span', { className: 'item' }, item), el('span', {}, bar),
      el('span', { className: 'count' }, count));
  }));
  document.getElementById('classes-empty').hidden = counts.length > 0;
  const chosen = classSelect.value;
  classSelect.replaceChildren(el('option', { value: '' }, 'All'),
    ...counts.map(([item]) => el('option', { value: item }, item)));
  classSelect.value = counts.some(([item]) => item === chosen) ? chosen : '';
  return classes;
}

/** The first page of the chosen bucket and class (reset), or the page after the ones shown. */
async function loadPhotos(reset) {
  const current = ++listing;
  const query = new URLSearchParams({ bucket: bucketSelect.value, limit: PAGE_SIZE });
  if (classSelect.value) {
    query.set('prefix', 'images/' + classSelect.value + '/');
  }
  if (!reset && next) {
    query.set('after', next);
  }
  if (reset) {
    grid.querySelectorAll('img').forEach((img) => URL.revokeObjectURL(img.src));
    grid.replaceChildren();
  }
  more.hidden = true;
  setStatus(status, 'Loading the photos…', 'busy');
  try {
    const page = await getJson('/photos?' + query);
    if (current !== listing) {
      return;
    }
    grid.append(...page.photos.map(card));
    page.photos.forEach(offerClass);
    next = page.next;
    more.hidden = !next;
    document.getElementById('grid-empty').hidden = grid.children.length > 0;
    setStatus(status, grid.children.length + ' photo(s) shown' + (next ? ', older ones below.' : '.'), 'ok');
  } catch (e) {
    setStatus(status, e.message, 'error');
  }
}

/** The class filter offers the classes of the training data and those of the photos shown (unknown, other...). */
function offerClass(photo) {
  if (![...classSelect.options].some((option) => option.value === photo.item)) {
    classSelect.append(el('option', { value: photo.item }, photo.item));
  }
}

function card(photo) {
  const thumbnail = el('img', { alt: 'Photo of ' + photo.item });
  imageUrl(photo.url + '?size=thumb').then((url) => {
    thumbnail.src = url;
  }, () => {
    thumbnail.alt = 'Photo of ' + photo.item + ' (cannot be shown)';
  });
  const open = el('button', { type: 'button' }, thumbnail,
    el('span', { className: 'caption' }, el('strong', {}, photo.item),
      el('time', { dateTime: photo.lastModified }, localTime(photo.lastModified))));
  open.addEventListener('click', () => openPhoto(photo));
  return el('li', { dataset: { key: photo.key, bucket: photo.bucket, item: photo.item } }, open);
}

async function openPhoto(photo) {
  opened = photo;
  product.value = '';
  deleteButton.textContent = 'Delete';
  setStatus(photoStatus, '', 'info');
  document.getElementById('photo-title').textContent = 'Photo of ' + photo.item;
  document.getElementById('photo-fields').replaceChildren(...[['Class', photo.item], ['Bucket', photo.bucket],
    ['Taken', localTime(photo.lastModified)], ['Size', Math.ceil(photo.size / 1024) + ' KB'], ['Key', photo.key]]
    .flatMap(([term, value]) => [el('dt', {}, term), el('dd', {}, format(value))]));
  dialog.showModal();
  try {
    full.src = await imageUrl(photo.url);
  } catch (e) {
    setStatus(photoStatus, e.message, 'error');
  }
}

async function labelOpened(event) {
  event.preventDefault();
  const photo = opened;
  setStatus(photoStatus, 'Labelling…', 'busy');
  try {
    const labelled = await postJson('/photos/label', { bucket: photo.bucket, key: photo.key, product: product.value });
    done(photo, 'Labelled as ' + labelled.item + ': a training photo now (' + labelled.key + ').');
  } catch (e) {
    setStatus(photoStatus, e.message, 'error');
  }
}

/** The first click asks to click again: a deleted photo cannot be brought back. */
async function deleteOpened() {
  if (deleteButton.textContent === 'Delete') {
    deleteButton.textContent = 'Delete for good';
    setStatus(photoStatus, 'Click again to delete this photo; it cannot be brought back.', 'busy');
    return;
  }
  const photo = opened;
  try {
    await requestJson(photo.url, { method: 'DELETE' });
    done(photo, 'Deleted ' + photo.key + '.');
  } catch (e) {
    setStatus(photoStatus, e.message, 'error');
  }
}

/** After a label or delete: the photo leaves the grid, the class balance is counted again. */
function done(photo, message) {
  dialog.close();
  const shown = [...grid.children].find((item) => item.dataset.key === photo.key);
  if (shown) {
    URL.revokeObjectURL(shown.querySelector('img').src);
    shown.remove();
  }
  setStatus(status, message, 'ok');
  loadClasses().then(() => (photo.bucket === dataBucket ? loadPhotos(true) : null))
    .catch((e) => setStatus(status, e.message, 'error'));
}

function localTime(iso) {
  return iso ? new Date(iso).toLocaleString() : '–';
}
