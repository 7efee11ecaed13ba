// The @federated client methods the federated benchmarks run on process endpoints.
import { federated } from '../sdk/decorators/index.js';
import { type ClientConfig, type EncodedWeights } from '../sdk/federated/index.js';
import { fitClient, type ClientUpdate, type ModelSpec } from '../sdk/federated/training.js';

/** Digits MLP (quick mode). */
export const DIGITS_MLP: ModelSpec = { kind: 'mlp', inputShape: [64], hidden: [32], classes: 10, seed: 1 };
/** The MNIST MLP, 784-128-10. */
export const MNIST_MLP: ModelSpec = { kind: 'mlp', inputShape: [28, 28, 1], hidden: [128], classes: 10, seed: 1 };
/** A LeNet-style MNIST CNN: two 5x5 conv + 2x2 max-pool blocks, dense 64. */
export const MNIST_CNN: ModelSpec = { kind: 'cnn', inputShape: [28, 28, 1], filters: [8, 16], dense: 64, classes: 10, seed: 1 };

export class FederatedBenchClients {
  @federated({ strategy: 'fedavg' })
  async digitsMlp(weights: EncodedWeights, config: ClientConfig): Promise<ClientUpdate> {
    return fitClient(weights, config, DIGITS_MLP);
  }

  @federated({ strategy: 'fedavg' })
  async mnistMlp(weights: EncodedWeights, config: ClientConfig): Promise<ClientUpdate> {
    return fitClient(weights, config, MNIST_MLP);
  }

  @federated({ strategy: 'fedavg' })
  async mnistCnn(weights: EncodedWeights, config: ClientConfig): Promise<ClientUpdate> {
    return fitClient(weights, config, MNIST_CNN);
  }
}
