/**
 * Exports the static model as an ONNX graph transformers.js can run:
 *   input_ids[B,S] ─Gather→ int8 rows ─Cast→ float ─Mul(Gather(scales))→ last_hidden_state[B,S,D]
 * so `pipeline('feature-extraction', …)` with `{ pooling: 'mean', normalize: true }` computes the
 * same sentence vector as the Worker encoder. Serialised with onnx-proto (protobufjs).
 */
import onnxProto from 'onnx-proto';
import { toArrayBuffer } from '../core/bytes.js';
import type { StaticModelWeights } from '../core/model/index.js';

const { onnx } = onnxProto;
const DataType = onnx.TensorProto.DataType;

export function exportOnnx(weights: StaticModelWeights): Uint8Array {
  const { vocabSize, dims } = weights;
  const dim = (name: string) => ({ dimParam: name });
  const model = onnx.ModelProto.create({
    irVersion: 7,
    producerName: 'semantic-search build:model',
    opsetImport: [{ domain: '', version: 13 }],
    graph: {
      name: 'static_embedding',
      input: [
        {
          name: 'input_ids',
          type: { tensorType: { elemType: DataType.INT64, shape: { dim: [dim('batch'), dim('sequence')] } } },
        },
      ],
      output: [
        {
          name: 'last_hidden_state',
          type: {
            tensorType: { elemType: DataType.FLOAT, shape: { dim: [dim('batch'), dim('sequence'), { dimValue: dims }] } },
          },
        },
      ],
      initializer: [
        {
          name: 'table',
          dataType: DataType.INT8,
          dims: [vocabSize, dims],
          rawData: new Uint8Array(weights.table.buffer, weights.table.byteOffset, weights.table.byteLength),
        },
        {
          name: 'scales',
          dataType: DataType.FLOAT,
          dims: [vocabSize, 1],
          rawData: new Uint8Array(toArrayBuffer(weights.scales)),
        },
      ],
      node: [
        { opType: 'Gather', input: ['table', 'input_ids'], output: ['rows_q'], name: 'lookup', attribute: [{ name: 'axis', i: 0, type: onnx.AttributeProto.AttributeType.INT }] },
        { opType: 'Cast', input: ['rows_q'], output: ['rows_f'], name: 'dequantise', attribute: [{ name: 'to', i: DataType.FLOAT, type: onnx.AttributeProto.AttributeType.INT }] },
        { opType: 'Gather', input: ['scales', 'input_ids'], output: ['row_scales'], name: 'lookup_scales', attribute: [{ name: 'axis', i: 0, type: onnx.AttributeProto.AttributeType.INT }] },
        { opType: 'Mul', input: ['rows_f', 'row_scales'], output: ['last_hidden_state'], name: 'scale' },
      ],
    },
  });
  return onnx.ModelProto.encode(model).finish();
}
