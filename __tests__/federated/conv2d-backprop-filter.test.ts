import * as tf from '@tensorflow/tfjs';
import { useWasmBackend } from '../../sdk/federated/training.js';

type Pad = 'same' | 'valid' | [[number, number], [number, number], [number, number], [number, number]];
interface Case { x: [number, number, number, number]; filter: [number, number, number, number]; strides: [number, number]; pad: Pad }

// Shapes chosen so strides do and do not divide the padded input, with square and non-square inputs and filters.
const cases: Case[] = [
  { x: [2, 8, 8, 3], filter: [3, 3, 3, 4], strides: [1, 1], pad: 'same' },
  { x: [2, 8, 8, 3], filter: [3, 3, 3, 4], strides: [1, 1], pad: 'valid' },
  { x: [3, 9, 7, 2], filter: [3, 2, 2, 5], strides: [2, 2], pad: 'same' },
  { x: [3, 9, 7, 2], filter: [3, 2, 2, 5], strides: [2, 2], pad: 'valid' },
  { x: [1, 10, 10, 1], filter: [5, 5, 1, 6], strides: [2, 3], pad: 'same' },
  { x: [2, 6, 11, 4], filter: [2, 4, 4, 3], strides: [3, 1], pad: 'valid' },
  { x: [2, 7, 7, 2], filter: [3, 3, 2, 2], strides: [2, 2], pad: [[0, 0], [1, 2], [2, 0], [0, 0]] },
];

function seeded(shape: number[], seed: number): tf.Tensor {
  return tf.randomUniform(shape, -1, 1, 'float32', seed);
}

async function onBackend(name: string, c: Case, seed: number): Promise<{ direct: Float32Array; viaGrad: Float32Array; shape: number[] }> {
  await tf.setBackend(name);
  return tf.tidy(() => {
    const x = seeded(c.x, seed) as tf.Tensor4D;
    const f = seeded(c.filter, seed + 1) as tf.Tensor4D;
    const y = tf.conv2d(x, f, c.strides, c.pad);
    const dy = seeded(y.shape, seed + 2) as tf.Tensor4D;
    const direct = tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', filterShape: c.filter }) as tf.Tensor;
    const viaGrad = tf.grad((w: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(x, w as tf.Tensor4D, c.strides, c.pad), dy)))(f);
    return { direct: direct.dataSync() as Float32Array, viaGrad: viaGrad.dataSync() as Float32Array, shape: direct.shape };
  });
}

describe('Conv2DBackpropFilter on the wasm backend', () => {
  beforeAll(async () => { await useWasmBackend(); });
  afterAll(async () => { await tf.setBackend('wasm'); });

  test('useWasmBackend registers the kernel for the wasm backend', () => {
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined();
  });

  test.each(cases.map((c, i) => [`x ${c.x.join('x')} filter ${c.filter.join('x')} strides ${c.strides.join(',')} pad ${JSON.stringify(c.pad)}`, c, i] as const))(
    'matches the cpu backend: %s', async (_label, c, i) => {
      const cpu = await onBackend('cpu', c, 100 + i * 10);
      const wasm = await onBackend('wasm', c, 100 + i * 10);
      expect(wasm.shape).toEqual(c.filter);
      expect(cpu.shape).toEqual(c.filter);
      const scale = Math.max(...cpu.direct.map(Math.abs));
      expect(scale).toBeGreaterThan(0);
      for (let k = 0; k < cpu.direct.length; k++) {
        expect(Math.abs(wasm.direct[k]! - cpu.direct[k]!)).toBeLessThan(1e-4 * Math.max(1, scale));
        expect(Math.abs(wasm.viaGrad[k]! - cpu.viaGrad[k]!)).toBeLessThan(1e-4 * Math.max(1, scale));
      }
    });

  test('a small CNN trains on wasm: loss falls on a learnable task', async () => {
    await tf.setBackend('wasm');
    const model = tf.sequential({ layers: [
      tf.layers.conv2d({ inputShape: [6, 6, 1], filters: 4, kernelSize: 3, strides: 1, padding: 'same', activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 2, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }),
    ] });
    model.compile({ optimizer: tf.train.sgd(0.5), loss: 'categoricalCrossentropy' });
    // Label = whether the bright pixel is in the top half: learnable only through the conv filter gradient.
    const n = 64;
    const xs = new Float32Array(n * 36);
    const ys = new Float32Array(n * 2);
    for (let i = 0; i < n; i++) {
      const row = i % 6;
      xs[i * 36 + row * 6 + ((i * 7) % 6)] = 1;
      ys[i * 2 + (row < 3 ? 0 : 1)] = 1;
    }
    const x = tf.tensor4d(xs, [n, 6, 6, 1]);
    const y = tf.tensor2d(ys, [n, 2]);
    const history = await model.fit(x, y, { epochs: 30, batchSize: 16, shuffle: false, verbose: 0 });
    const losses = history.history.loss as number[];
    expect(losses[losses.length - 1]!).toBeLessThan(losses[0]! * 0.5);
    tf.dispose([x, y]);
    model.dispose();
  });
});
