import { fileURLToPath } from 'node:url';

/** Path of a profiling fixture (real data copied into the project, see its README). */
export function profilingFixture(name: string): string {
  return fileURLToPath(new URL(`../__tests__/fixtures/profiling/${name}`, import.meta.url));
}

/** Hardware columns of ec2-bench that predict the ffmpeg time. */
export const EC2_FEATURES = ['vcpus', 'cpu_mhz', 'memory_mb', 'coremark_iter_per_s', 'gpus', 'numa_nodes', 'cuda_used'];
/** The columns the issue names (vcpus, clock, memory, CoreMark), for the design comparison. */
export const EC2_DESIGN_FEATURES = ['vcpus', 'cpu_mhz', 'memory_mb', 'coremark_iter_per_s'];
