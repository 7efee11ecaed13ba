// Calls hold their predicted cost only where a workflow budget of money or
// energy counts it: a run with a deadline alone (or none) keeps no entry per
// waiting call, and a money budget still counts every admitted call.
import { BudgetLedger } from '../../../sdk/runtime/dispatch/index.js';

const cost = { usd: 0.002, joules: 3.5 };

test('with a deadline alone, 10,000 admitted calls hold nothing', () => {
  const ledger = new BudgetLedger({ deadlineS: 3600, scope: 'workflow', onExceed: 'fail', confidence: 0.9 });
  for (let i = 0; i < 10_000; i++) ledger.reserve(`c${i}`, cost);
  expect(ledger.holding).toBe(0);
  expect(ledger.committedUsd).toBe(0);
  expect(ledger.remaining(10)?.remainingSeconds).toBe(3590);
});

test('without any workflow budget, admitted calls hold nothing either', () => {
  const ledger = new BudgetLedger(undefined);
  for (let i = 0; i < 100; i++) ledger.reserve(`c${i}`, cost);
  expect(ledger.holding).toBe(0);
});

test('a workflow budget in dollars counts what each admitted call holds, until it is released', () => {
  const ledger = new BudgetLedger({ usd: 1, scope: 'workflow', onExceed: 'fail', confidence: 0.9 });
  for (let i = 0; i < 100; i++) ledger.reserve(`c${i}`, cost);
  expect(ledger.holding).toBe(100);
  expect(ledger.committedUsd).toBeCloseTo(0.2, 10);
  expect(ledger.remaining(0)?.remainingUsd).toBeCloseTo(0.8, 10);
  for (let i = 0; i < 50; i++) ledger.release(`c${i}`);
  expect(ledger.holding).toBe(50);
  expect(ledger.committedUsd).toBeCloseTo(0.1, 10);
});

test('a workflow budget in joules counts them too', () => {
  const ledger = new BudgetLedger({ joules: 1000, scope: 'workflow', onExceed: 'degrade', confidence: 0.9 });
  ledger.reserve('c1', cost);
  expect(ledger.committedJoules).toBe(3.5);
  expect(ledger.remaining(0)?.remainingJoules).toBe(996.5);
});
