import { decisionVersionOf, isNewerDecision } from './decision-order.rules';

describe('isNewerDecision (decisions applied in order whatever the topic order)', () => {
  it('applies anything when nothing was applied yet', () => {
    expect(isNewerDecision(3, undefined)).toBe(true);
    expect(isNewerDecision(undefined, null)).toBe(true);
  });

  it('applies only a greater version once a versioned decision was applied', () => {
    expect(isNewerDecision(3, 2)).toBe(true);
    expect(isNewerDecision(2, 3)).toBe(false);
    expect(isNewerDecision(3, 3)).toBe(false);
  });

  it('counts a missing version as 0: older than any versioned decision, and arrival order between two unversioned ones', () => {
    expect(isNewerDecision(undefined, 1)).toBe(false);
    expect(isNewerDecision(1, 0)).toBe(true);
    expect(isNewerDecision(undefined, 0)).toBe(true);
    expect(isNewerDecision(0, 0)).toBe(true);
  });

  it('leaves the state of the highest version, in every delivery order of the same decisions', () => {
    const decisions = [
      { id: 'hold', decisionVersion: 2 },
      { id: 'release', decisionVersion: 3 },
      { id: 'old-release', decisionVersion: 1 },
    ];
    const orders = [
      [0, 1, 2],
      [0, 2, 1],
      [1, 0, 2],
      [1, 2, 0],
      [2, 0, 1],
      [2, 1, 0],
    ];
    for (const order of orders) {
      let applied: { id: string; version: number } | undefined;
      for (const d of order.flatMap((i) => decisions.slice(i, i + 1))) {
        if (isNewerDecision(decisionVersionOf(d), applied?.version)) applied = { id: d.id, version: decisionVersionOf(d) };
      }
      expect(applied).toEqual({ id: 'release', version: 3 });
    }
  });

  it('reads a missing or null version as 0', () => {
    expect(decisionVersionOf({})).toBe(0);
    expect(decisionVersionOf({ decisionVersion: null })).toBe(0);
    expect(decisionVersionOf({ decisionVersion: 7 })).toBe(7);
  });
});
