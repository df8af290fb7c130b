import { groupLag } from './consumer-lag.monitor';

describe('groupLag', () => {
  const high = new Map([
    ['cargo.intake.v1', new Map([[0, 100], [1, 50]])],
    ['flight.assignment.v1', new Map([[0, 10]])],
  ]);
  const low = new Map([
    ['cargo.intake.v1', new Map([[0, 0], [1, 20]])],
    ['flight.assignment.v1', new Map([[0, 0]])],
  ]);

  it('sums high watermark minus committed offset over the partitions of the topics the group reads', () => {
    const committed = new Map([['cargo.intake.v1', new Map([[0, 90], [1, 50]])]]);
    expect(groupLag(['cargo.intake.v1'], high, low, committed)).toBe(10);
  });

  it('counts from the low watermark where the group has committed nothing yet', () => {
    const committed = new Map([['cargo.intake.v1', new Map([[0, -1]])]]);
    expect(groupLag(['cargo.intake.v1', 'flight.assignment.v1'], high, low, committed)).toBe(100 + 30 + 10);
  });
});
