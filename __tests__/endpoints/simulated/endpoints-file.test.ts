import { EndpointsFileError } from '../../../sdk/index.js';
import { parseSimulatedEndpoints, toSimEndpointModels } from '../../../sdk/endpoints/index.js';

const good = `referenceCalibration: 1000
endpoints:
  - name: pi
    workers: 4
    calibration: 250
    transferGroup: home
    coldStartS: 13.8
  - name: aws
    kind: simulated
    speed: 2
    cost: { usdPerHour: 0.085, watts: 40 }
    preemptionPerHour: 0.3
`;

describe('simulator endpoints.yaml', () => {
  it('reads endpoints with defaults, speed from calibration', () => {
    const eps = toSimEndpointModels(parseSimulatedEndpoints(good));
    expect(eps[0]).toMatchObject({ name: 'pi', workers: 4, speed: 0.25, transferGroup: 'home', coldStartS: 13.8, usdPerHour: 0, availability: 1 });
    expect(eps[1]).toMatchObject({ name: 'aws', workers: 1, speed: 2, transferGroup: 'aws', usdPerHour: 0.085, watts: 40, preemptionPerHour: 0.3 });
  });

  const failure = (text: string) => {
    try { parseSimulatedEndpoints(text, 'eps.yaml'); } catch (e) { return e as EndpointsFileError; }
    throw new Error('expected an error');
  };

  it('names the line, field, bad value and what is allowed', () => {
    const e = failure(good.replace('speed: 2', 'speed: -2'));
    expect(e).toBeInstanceOf(EndpointsFileError);
    expect(e.code).toBe('CORRAL_ENDPOINTS_FILE');
    expect(e.line).toBe(10);
    expect(e.message).toBe('eps.yaml:10:12: endpoints[1].speed: must be a number of times the reference speed > 0 (got -2)');
  });

  it('names unknown fields and where they are', () => {
    const e = failure(good.replace('coldStartS: 13.8', 'coldstart: 13.8'));
    expect(e.message).toMatch(/^eps\.yaml:3:5: endpoints\[0\]: unknown field\(s\) "coldstart"/);
  });

  it('rejects duplicate names, a calibration without reference, bad YAML', () => {
    expect(failure(good.replace('name: aws', 'name: pi')).message).toMatch(/^eps\.yaml:8:11: endpoints\[1\]\.name: "pi" is already the name of endpoints\[0\]/);
    expect(failure(good.replace('referenceCalibration: 1000\n', '')).message).toMatch(/^eps\.yaml:4:18: endpoints\[0\]\.calibration: needs referenceCalibration/);
    expect(failure('endpoints:\n  - name: [a\n').message).toMatch(/^eps\.yaml:\d+:\d+: \(YAML\)/);
    expect(failure('endpoints: []\n').message).toMatch(/endpoints: must list at least one endpoint/);
  });
});
