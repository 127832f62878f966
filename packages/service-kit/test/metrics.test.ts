// The metrics' own rules, without a database: which operation names become labels, how an answer's errors
// count, which token `/metrics` takes, and that a process without tracing configured stays untraced.
import express from 'express';
import request from 'supertest';
import {
  OperationNames,
  ServiceMetrics,
  httpMetrics,
  metricsRoute,
  metricsTokenFromEnvironment,
  tracingConfigured,
} from '../src';

describe('operation names as labels', () => {
  test('a name becomes a label when it looks like one; no name is anonymous', () => {
    const names = new OperationNames();
    expect(names.label('CaseDashboard')).toBe('CaseDashboard');
    expect(names.label('CaseDashboard__households__1')).toBe('CaseDashboard__households__1');
    expect(names.label(undefined)).toBe('anonymous');
    expect(names.label('')).toBe('anonymous');
  });

  test('a name with a run of four digits (a CPR number, an id) or odd characters is "other"', () => {
    const names = new OperationNames();
    for (const name of ['Cpr1203881234', 'Household2024', 'a-b', 'x'.repeat(81), '1abc']) {
      expect(names.label(name)).toBe('other');
    }
    expect(names.label('Quarter123')).toBe('Quarter123');
  });

  test('after the first names, every new one is "other": the series stay bounded', () => {
    const names = new OperationNames(3);
    expect(['A', 'B', 'C', 'D', 'E'].map((name) => names.label(name))).toEqual(['A', 'B', 'C', 'other', 'other']);
    expect(names.label('B')).toBe('B');
  });
});

describe('operations by outcome', () => {
  test('no errors: success; only client codes: client_error; any other code: server_error', async () => {
    const metrics = new ServiceMetrics('test');
    metrics.recordOperation('Op', undefined, 0.01);
    metrics.recordOperation('Op', [{ extensions: { code: 'FORBIDDEN' } }], 0.01);
    metrics.recordOperation(
      'Op',
      [{ extensions: { code: 'NOT_FOUND' } }, { extensions: { code: 'SERVICE_UNAVAILABLE' } }],
      0.2,
    );
    metrics.recordOperation('Op', [{ extensions: {} }], 0.01);
    metrics.recordOperation('Op', [{ extensions: { code: 'SOMETHING_ELSE' } }], 0.01);
    const text = await metrics.registry.metrics();
    expect(text).toContain('graphql_operations_total{operation="Op",outcome="success",service="test"} 1');
    expect(text).toContain('graphql_operations_total{operation="Op",outcome="client_error",service="test"} 1');
    expect(text).toContain('graphql_operations_total{operation="Op",outcome="server_error",service="test"} 3');
    expect(text).toContain('graphql_errors_total{code="INTERNAL_SERVER_ERROR",service="test"} 1');
    expect(text).toContain('graphql_errors_total{code="OTHER",service="test"} 1');
    expect(text).toContain('graphql_operation_duration_seconds_bucket{le="0.25",service="test",operation="Op"} 5');
    expect(text).toContain('graphql_operation_duration_seconds_bucket{le="0.1",service="test",operation="Op"} 4');
  });
});

describe('/metrics', () => {
  function app(token: string | undefined) {
    const server = express();
    const metrics = new ServiceMetrics('test');
    server.use(httpMetrics(metrics));
    metricsRoute(server, metrics, token);
    server.get('/hello/:name', (_req, res) => {
      res.send('hello');
    });
    return server;
  }

  test('without a token configured, nothing is served', async () => {
    const response = await request(app(undefined)).get('/metrics').set('authorization', 'Bearer anything-at-all-here');
    expect(response.status).toBe(404);
    expect(response.text).not.toContain('http_requests_total');
  });

  test('with one, only that bearer token is served; routes are counted by their pattern, never their values', async () => {
    const server = app('a-metrics-token-of-some-length');
    await request(server).get('/hello/Jens%20Hansen').expect(200);
    await request(server).get('/nothing/here/0101901234').expect(404);
    expect((await request(server).get('/metrics').set('authorization', 'Bearer a-metrics-token-of-some')).status).toBe(
      401,
    );
    const response = await request(server)
      .get('/metrics')
      .set('authorization', 'Bearer a-metrics-token-of-some-length');
    expect(response.status).toBe(200);
    expect(response.text).toContain(
      'http_requests_total{route="/hello/:name",method="GET",status="200",service="test"} 1',
    );
    expect(response.text).toContain(
      'http_requests_total{route="unmatched",method="GET",status="404",service="test"} 1',
    );
    expect(response.text).not.toMatch(/Jens|0101901234/);
  });

  test('METRICS_TOKEN is at least 16 characters', () => {
    expect(metricsTokenFromEnvironment({})).toBeUndefined();
    expect(metricsTokenFromEnvironment({ METRICS_TOKEN: ' ' })).toBeUndefined();
    expect(() => metricsTokenFromEnvironment({ METRICS_TOKEN: 'short' })).toThrow(/16 characters/);
    expect(metricsTokenFromEnvironment({ METRICS_TOKEN: 'long-enough-metrics-token' })).toBe(
      'long-enough-metrics-token',
    );
  });
});

test('tracing is on only when the environment asks for it', () => {
  expect(tracingConfigured({})).toBe(false);
  expect(tracingConfigured({ OTEL_TRACES_EXPORTER: 'none' })).toBe(false);
  expect(tracingConfigured({ OTEL_TRACES_EXPORTER: 'console' })).toBe(true);
  expect(tracingConfigured({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBe(true);
  expect(tracingConfigured({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' })).toBe(true);
  expect(tracingConfigured({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' })).toBe(
    false,
  );
});
