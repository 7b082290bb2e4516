/** The bytes of a view as an ArrayBuffer of their own (Node's Buffers share a larger pool). */
export function toArrayBuffer(bytes: ArrayBufferView): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
