/**
 * One representation of binary data for the application: `Uint8Array`. socket.io-client hands out Node
 * `Buffer`s in Node and `ArrayBuffer`s in browsers; the ws frames already decode to `Uint8Array`.
 * @module
 */

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * Returns `value` with every `ArrayBuffer` and non-`Uint8Array` view (a `Buffer`) inside arrays and plain objects
 * replaced by a plain `Uint8Array` copy. Arrays and objects are changed in place: they are freshly decoded.
 */
export function normalizeBinary(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value.slice(0));
  if (ArrayBuffer.isView(value)) {
    if (value.constructor === Uint8Array) return value;
    return new Uint8Array(value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength));
  }
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) value[index] = normalizeBinary(value[index]);
    return value;
  }
  if (isPlainObject(value)) {
    for (const key of Object.keys(value)) value[key] = normalizeBinary(value[key]);
  }
  return value;
}
