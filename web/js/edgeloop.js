// Shared by the EdgeLoop pages: JSON requests with readable errors and the shop's admin token, photos as base64, a
// status line, DOM helpers.

/**
 * Sends a request and returns its JSON answer; throws an Error with the API's {"error"} text otherwise. An answer
 * that asks for the admin token (401, WWW-Authenticate: Bearer) asks the user for it and sends the request again.
 */
export async function requestJson(path, options = {}) {
  const response = await sendWithToken(path, options);
  const text = await response.text();
  let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch (e) {
    body = null;
  }
  if (body && typeof body.error === 'string') {
    throw new Error(body.error);
  }
  if (!response.ok) {
    throw new Error('The server answered ' + response.status + ' ' + response.statusText + '.');
  }
  if (body === null) {
    throw new Error('The server answered something else than JSON.');
  }
  return body;
}

/**
 * A file behind the admin token (a model's report image...) as a Blob, for URL.createObjectURL: an <img> cannot send
 * the token itself. Throws an Error with the API's {"error"} text otherwise.
 */
export async function getBlob(path) {
  const response = await sendWithToken(path, {});
  if (!response.ok) {
    const body = await response.json().catch(() => null);
    throw new Error(body && typeof body.error === 'string' ? body.error
      : 'The server answered ' + response.status + ' ' + response.statusText + '.');
  }
  return response.blob();
}

/** Sends a request; an answer that asks for the admin token asks the user for it and sends the request again. */
async function sendWithToken(path, options) {
  let retry = adminToken.kept() !== null;
  let response = await send(path, options);
  while (response.status === 401 && /^Bearer/i.test(response.headers.get('WWW-Authenticate') || '')) {
    adminToken.forget();
    const token = await adminToken.ask(retry);
    if (!token) {
      break;
    }
    adminToken.keep(token);
    response = await send(path, options);
    retry = true;
  }
  return response;
}

/**
 * An image behind the admin token as an object URL for an <img> (which cannot send the token itself); revoke it with
 * URL.revokeObjectURL when the image goes.
 */
export async function imageUrl(path) {
  return URL.createObjectURL(await getBlob(path));
}

export const getJson = (path) => requestJson(path);

export const postJson = (path, data) =>
  requestJson(path, { method: 'POST', body: data === undefined ? undefined : JSON.stringify(data) });

async function send(path, options) {
  const headers = { Accept: 'application/json' };
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const token = adminToken.kept();
  if (token) {
    headers.Authorization = 'Bearer ' + token;
  }
  try {
    return await fetch(path, { ...options, headers });
  } catch (e) {
    throw new Error('The shop server cannot be reached (' + e.message + ').');
  }
}

/**
 * The shop's admin token, asked for once and sent with every request. Kept in sessionStorage, not localStorage:
 * pages often run on a shop's shared tablet, so the token goes when the tab or browser is closed instead of staying
 * for the next person; it survives moving between the pages of the same tab.
 */
const adminToken = {
  KEY: 'edgeloop.adminToken',
  asking: null,
  kept() {
    return sessionStorage.getItem(this.KEY);
  },
  keep(token) {
    sessionStorage.setItem(this.KEY, token);
  },
  forget() {
    sessionStorage.removeItem(this.KEY);
  },
  /** The token the user types, or null when they cancel; requests that are refused together share one question. */
  ask(retry) {
    this.asking = this.asking || tokenDialog(retry).finally(() => {
      this.asking = null;
    });
    return this.asking;
  },
};

function tokenDialog(retry) {
  return new Promise((resolve) => {
    const input = el('input', { id: 'admin-token', type: 'password', name: 'token', required: true,
      autocomplete: 'current-password' });
    const cancel = el('button', { id: 'admin-token-cancel', type: 'button', className: 'button' }, 'Cancel');
    const dialog = el('dialog', { id: 'admin-token-dialog', className: 'token-dialog' },
      el('form', { method: 'dialog', className: 'stack' },
        el('h2', {}, 'Admin token'),
        el('p', { id: 'admin-token-message', dataset: { kind: retry ? 'error' : 'info' } }, retry
          ? 'That token was not accepted. Try again, or ask whoever runs the shop server.'
          : 'This needs the shop\'s admin token (the shopper\'s shopper.admin-token setting).'),
        el('label', { htmlFor: 'admin-token' }, 'Token'), input,
        el('div', { className: 'dialog-buttons' },
          el('button', { id: 'admin-token-submit', type: 'submit', className: 'button primary', value: 'ok' }, 'Continue'),
          cancel)));
    cancel.addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(dialog.returnValue === 'ok' && input.value.trim() ? input.value.trim() : null);
    });
    document.body.append(dialog);
    dialog.showModal();
    input.focus();
  });
}

/** Shows a message in a status line; kind is busy, ok or error (tests and styles key on data-kind). */
export function setStatus(element, message, kind = 'info') {
  element.textContent = message;
  element.dataset.kind = kind;
  element.hidden = !message;
}

/** Creates an element: el('p', {className: 'x', dataset: {k: 'v'}}, 'text', child, ...). Text is never parsed as HTML. */
export function el(tag, properties = {}, ...children) {
  const element = document.createElement(tag);
  const { dataset, ...rest } = properties;
  Object.assign(element, rest);
  Object.assign(element.dataset, dataset || {});
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) {
      element.append(child instanceof Node ? child : String(child));
    }
  }
  return element;
}

/** A definition list of [term, value] pairs, values shown as text. */
export function fieldList(pairs, className = 'fields') {
  return el('dl', { className }, pairs.flatMap(([term, value]) => [el('dt', {}, term), el('dd', {}, format(value))]));
}

/** A value as people read it: numbers rounded, lists joined, objects as JSON. */
export function format(value) {
  if (value === null || value === undefined || value === '') {
    return '–';
  }
  if (typeof value === 'number') {
    return Number.isInteger(value) ? String(value) : value.toFixed(4).replace(/0+$/, '');
  }
  if (Array.isArray(value)) {
    return value.map(format).join(', ') || '–';
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

export const percent = (fraction) => (typeof fraction === 'number' ? (fraction * 100).toFixed(1) + ' %' : '–');

/** The largest side a photo is sent with: the model works on 96 px, a phone camera shoots 4000 px. */
const MAX_SIDE = 1280;

/** A photo as base64 without the data-URL prefix; photos larger than MAX_SIDE are scaled down to a JPEG. */
export async function photoToBase64(file) {
  const scaled = await scaledJpeg(file).catch(() => null);
  const dataUrl = await readAsDataUrl(scaled || file);
  return dataUrl.substring(dataUrl.indexOf(',') + 1);
}

async function scaledJpeg(file) {
  if (typeof createImageBitmap !== 'function') {
    return null;
  }
  const bitmap = await createImageBitmap(file);
  const scale = MAX_SIDE / Math.max(bitmap.width, bitmap.height);
  if (scale >= 1) {
    bitmap.close();
    return null;
  }
  const canvas = el('canvas', { width: Math.round(bitmap.width * scale), height: Math.round(bitmap.height * scale) });
  canvas.getContext('2d').drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.9));
}

function readAsDataUrl(blob) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result);
    reader.onerror = () => reject(new Error('The photo cannot be read.'));
    reader.readAsDataURL(blob);
  });
}

/**
 * Fills a page's photo buttons: the camera (#camera, the back camera on a phone) and a file (#photo-file), each a
 * file input inside its label. The chosen photo shows in the preview and onPhoto(base64) gets it; an input is
 * cleared after use, so the same photo can be chosen again.
 */
export function photoPicker({ container, cameraPrimary = false, preview, status, onPhoto }) {
  const camera = el('input', { id: 'camera', className: 'visually-hidden', type: 'file', accept: 'image/*' });
  camera.setAttribute('capture', 'environment');
  const chooser = el('input', { id: 'photo-file', className: 'visually-hidden', type: 'file', accept: 'image/*' });
  container.replaceChildren(
    el('label', { className: cameraPrimary ? 'button primary' : 'button' }, 'Take a photo', camera),
    el('label', { className: 'button' }, 'Choose a file', chooser));
  for (const input of [camera, chooser]) {
    input.addEventListener('change', async () => {
      const file = input.files && input.files[0];
      input.value = '';
      if (!file) {
        return;
      }
      if (preview.src) {
        URL.revokeObjectURL(preview.src);
      }
      preview.src = URL.createObjectURL(file);
      preview.hidden = false;
      try {
        await onPhoto(await photoToBase64(file));
      } catch (e) {
        setStatus(status, e.message, 'error');
      }
    });
  }
}
