import { AssignmentErrorCodes } from './assignment.errors';
import { CapacityLedger } from './capacity.ledger';

describe('CapacityLedger', () => {
  it('books until full in either dimension and refuses more', () => {
    const ledger = new CapacityLedger();
    ledger.open('F1', 1000, 5);
    ledger.book(['F1'], 600, 1);
    expect(ledger.canFit('F1', 400, 4)).toBe(true);
    expect(ledger.canFit('F1', 400.5, 1)).toBe(false);
    expect(ledger.canFit('F1', 1, 4.01)).toBe(false);
    expect(() => ledger.book(['F1'], 401, 1)).toThrow(expect.objectContaining({ code: AssignmentErrorCodes.CapacityExceeded }));
    expect(ledger.remainingKg('F1')).toBe(400);
  });

  it('books a connection on both legs or on neither', () => {
    const ledger = new CapacityLedger();
    ledger.open('F1', 1000, 5);
    ledger.open('F2', 100, 5);
    expect(() => ledger.book(['F1', 'F2'], 200, 1)).toThrow();
    expect(ledger.account('F1').bookedKg).toBe(0);
    ledger.book(['F1', 'F2'], 100, 1);
    expect(ledger.loadFactor('F2')).toBe(1);
  });

  it('frees capacity on release and never goes below zero', () => {
    const ledger = new CapacityLedger();
    ledger.open('F1', 1000, 5, 300, 2);
    ledger.release(['F1'], 500, 5);
    expect(ledger.account('F1')).toMatchObject({ bookedKg: 0, bookedM3: 0 });
  });

  it('refuses to open an already overbooked account', () => {
    expect(() => new CapacityLedger().open('F1', 100, 1, 101, 0)).toThrow(expect.objectContaining({ code: AssignmentErrorCodes.CapacityExceeded }));
  });

  it('keeps booked ≤ capacity under any sequence of bookings and releases', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const ledger = new CapacityLedger();
    ledger.open('F1', 5000, 30);
    const booked: Array<[number, number]> = [];
    for (let i = 0; i < 2000; i++) {
      if (rnd() < 0.7) {
        const kg = Math.round(rnd() * 800);
        const m3 = Math.round(rnd() * 50) / 10;
        if (ledger.canFit('F1', kg, m3)) {
          ledger.book(['F1'], kg, m3);
          booked.push([kg, m3]);
        } else {
          expect(() => ledger.book(['F1'], kg, m3)).toThrow();
        }
      } else if (booked.length > 0) {
        const [kg, m3] = booked.splice(Math.floor(rnd() * booked.length), 1)[0]!;
        ledger.release(['F1'], kg, m3);
      }
      const a = ledger.account('F1');
      expect(a.bookedKg).toBeLessThanOrEqual(a.capacityKg + 1e-6);
      expect(a.bookedM3).toBeLessThanOrEqual(a.capacityM3 + 1e-6);
    }
  });
});
