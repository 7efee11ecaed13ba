import type * as tfType from '@tensorflow/tfjs';
import { CorralError } from '../../errors/index.js';

type Tf = typeof tfType;
type KernelArgs = Parameters<tfType.KernelFunc>[0];
type Conv2DBackpropFilterAttrs = {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | tfType.backend_util.ExplicitPadding;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  filterShape: [number, number, number, number];
};

/**
 * The gradient of conv2d with respect to its filter, for the wasm backend
 * (tfjs-backend-wasm 4.22 ships no such kernel, so training a CNN there fails).
 * It is itself a convolution: with batch and channels swapped, the input
 * convolved with the output gradient, the forward stride becoming the dilation.
 * Registered by {@link useWasmBackend}. Takes the tfjs module so corral loads
 * tfjs only when federated training needs it.
 *
 * @example
 * ```ts
 * tf.registerKernel(conv2dBackpropFilterWasm(tf));
 * ```
 */
export function conv2dBackpropFilterWasm(tf: Tf): tfType.KernelConfig {
  return {
    kernelName: 'Conv2DBackpropFilter',
    backendName: 'wasm',
    kernelFunc: ((args: KernelArgs) => conv2dBackpropFilter(tf, args)) as unknown as tfType.KernelFunc,
  };
}

function conv2dBackpropFilter(tf: Tf, { inputs, backend, attrs }: KernelArgs): tfType.TensorInfo {
  const { x, dy } = inputs as { x: tfType.TensorInfo; dy: tfType.TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as Conv2DBackpropFilterAttrs;
  if (dataFormat === 'NCHW') {
    throw new UnsupportedKernelInputError(`Conv2DBackpropFilter on wasm supports NHWC only; got dataFormat NCHW for x of shape [${x.shape.join(', ')}]`);
  }
  const info = tf.backend_util.computeConv2DInfo(x.shape as [number, number, number, number], filterShape, strides, 1, pad, dimRoundingMode, false, 'channelsLast');
  const [, inH, inW] = x.shape as [number, number, number, number];
  const [fh, fw, inC, outC] = filterShape;
  const { strideHeight: sh, strideWidth: sw, outHeight: oh, outWidth: ow } = info;
  const { top, left } = info.padInfo;
  // Only rows and columns that some output position reads matter: pad just up to them.
  const bottom = Math.max(0, (oh - 1) * sh + fh - (inH + top));
  const right = Math.max(0, (ow - 1) * sw + fw - (inW + left));

  const run = (name: string, kernelInputs: Record<string, tfType.TensorInfo>, kernelAttrs: Record<string, unknown>): tfType.TensorInfo => {
    const kernel = tf.getKernel(name, 'wasm');
    if (!kernel) throw new UnsupportedKernelInputError(`the wasm backend has no ${name} kernel, needed by Conv2DBackpropFilter`);
    return kernel.kernelFunc({ inputs: kernelInputs, backend, attrs: kernelAttrs as tfType.NamedAttrMap }) as tfType.TensorInfo;
  };
  const temporaries: tfType.TensorInfo[] = [];
  const keep = (t: tfType.TensorInfo) => (temporaries.push(t), t);
  try {
    const xT = keep(run('Transpose', { x }, { perm: [3, 1, 2, 0] }));        // [inC, H, W, N]
    const dyT = keep(run('Transpose', { x: dy }, { perm: [1, 2, 0, 3] }));   // [oh, ow, N, outC]
    const conv = keep(run('Conv2D', { x: xT, filter: dyT }, {
      strides: [1, 1], dilations: [sh, sw], pad: [[0, 0], [top, bottom], [left, right], [0, 0]], dataFormat: 'NHWC',
    }));                                                                      // [inC, >=fh, >=fw, outC]
    const exact = conv.shape[1] === fh && conv.shape[2] === fw
      ? conv
      : keep(run('Slice', { x: conv }, { begin: [0, 0, 0, 0], size: [inC, fh, fw, outC] }));
    return run('Transpose', { x: exact }, { perm: [1, 2, 0, 3] });            // [fh, fw, inC, outC]
  } finally {
    for (const t of temporaries) (backend as tfType.KernelBackend).disposeData(t.dataId);
  }
}

/** Conv2DBackpropFilter on wasm was given an input it cannot handle. */
export class UnsupportedKernelInputError extends CorralError {
  override name = 'UnsupportedKernelInputError';
  readonly code = 'CORRAL_FL_UNSUPPORTED_KERNEL_INPUT';
}
