import { validate } from 'class-validator';
import { Awb } from './awb.value-object';
import { InvalidAwbError } from './invalid-awb.error';
import { IsAwb } from './is-awb.decorator';

describe('Awb', () => {
  describe.each([
    // input, canonical, prefix, serial
    ['784-12345675', '784-12345675', '784', '1234567'],
    ['78412345675', '784-12345675', '784', '1234567'],
    ['  784-12345675\t', '784-12345675', '784', '1234567'],
    ['112-76543213', '112-76543213', '112', '7654321'],
    ['999-24680132', '999-24680132', '999', '2468013'],
    ['160-88001200', '160-88001200', '160', '8800120'], // check digit 0
    ['000-00000011', '000-00000011', '000', '0000001'],
    ['781-35792466', '781-35792466', '781', '3579246'], // check digit 6, the largest
  ])('accepts %j', (input, canonical, prefix, serial) => {
    it(`as ${canonical}`, () => {
      const awb = Awb.parse(input);
      expect(awb.toString()).toBe(canonical);
      expect(awb.prefix).toBe(prefix);
      expect(awb.serial).toBe(serial);
      expect(JSON.stringify({ awb })).toBe(`{"awb":"${canonical}"}`);
    });
  });

  it.each([
    // input, code, message fragment
    ['784-12345674', 'AWB.CHECK_DIGIT', 'check digit 4 does not match serial 1234567 (expected 5)'],
    ['78412345670', 'AWB.CHECK_DIGIT', 'check digit 0 does not match serial 1234567 (expected 5)'],
    ['112-76543217', 'AWB.CHECK_DIGIT', 'check digit 7 does not match serial 7654321 (expected 3)'],
    ['784-12345679', 'AWB.CHECK_DIGIT', 'check digit 9 does not match serial 1234567 (expected 5)'],
    ['', 'AWB.INVALID_FORMAT', 'AWB is empty'],
    ['   ', 'AWB.INVALID_FORMAT', 'AWB is empty'],
    ['784-1234X675', 'AWB.INVALID_FORMAT', "contains 'X' at position 9"],
    ['ABC-12345675', 'AWB.INVALID_FORMAT', "contains 'A' at position 1"],
    ['784 12345675', 'AWB.INVALID_FORMAT', "contains ' ' at position 4"],
    ['784-1234567', 'AWB.INVALID_FORMAT', 'has 10 digits, an AWB has 11'],
    ['784-123456755', 'AWB.INVALID_FORMAT', 'has 12 digits, an AWB has 11'],
    ['7841234567', 'AWB.INVALID_FORMAT', 'has 10 digits'],
    ['7841-2345675', 'AWB.INVALID_FORMAT', 'the dash must come after the 3-digit prefix'],
    ['784--12345675', 'AWB.INVALID_FORMAT', 'the dash must come after the 3-digit prefix'],
  ])('rejects %j with %s', (input, code, fragment) => {
    const result = Awb.tryParse(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBeInstanceOf(InvalidAwbError);
    expect(result.error.code).toBe(code);
    expect(result.error.message).toContain(fragment);
    expect(() => Awb.parse(input)).toThrow(fragment);
  });

  it.each([[null], [undefined], [78412345675], [{}]])('rejects the non-string %p as a format error', (input) => {
    const result = Awb.tryParse(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('AWB.INVALID_FORMAT');
  });

  it('compares by value regardless of input form', () => {
    expect(Awb.parse('784-12345675').equals(Awb.parse(' 78412345675 '))).toBe(true);
    expect(Awb.parse('784-12345675').equals(Awb.parse('112-76543213'))).toBe(false);
    expect(Awb.parse('784-12345675').equals(undefined)).toBe(false);
  });

  it('builds a valid AWB from prefix and serial', () => {
    expect(Awb.of(784, 1234567).toString()).toBe('784-12345675');
    expect(Awb.of('112', '42').toString()).toBe('112-00000420');
    expect(Awb.checkDigitOf('7654321')).toBe(3);
  });
});

describe('@IsAwb()', () => {
  class Holder {
    @IsAwb()
    awb!: unknown;
  }
  const check = async (awb: unknown) => {
    const holder = Object.assign(new Holder(), { awb });
    return validate(holder);
  };

  it.each(['784-12345675', '78412345675'])('accepts %s', async (awb) => {
    expect(await check(awb)).toHaveLength(0);
  });

  it.each([
    ['784-12345674', 'awb: AWB 784-12345674: check digit 4 does not match serial 1234567 (expected 5)'],
    ['784-1234', 'awb: AWB "784-1234" is malformed: has 7 digits, an AWB has 11'],
    [42, 'awb: AWB must be a string, got number'],
  ])('rejects %p with the parser message', async (awb, message) => {
    const errors = await check(awb);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.constraints?.['isAwb']).toContain(message);
  });
});
