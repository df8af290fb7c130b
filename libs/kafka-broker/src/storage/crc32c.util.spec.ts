import { randomBytes } from 'node:crypto';
import { crc32c, crc32cJs } from './crc32c.util';

const kafkajsCrc32c = require('kafkajs/src/protocol/recordBatch/crc32C') as (b: Buffer) => number;

describe('crc32c', () => {
  it('matches the standard check value', () => {
    expect(crc32c(Buffer.from('123456789'))).toBe(0xe3069283);
    expect(crc32cJs(Buffer.from('123456789'))).toBe(0xe3069283);
    expect(crc32c(Buffer.alloc(0))).toBe(0);
  });

  it('native, table and kafkajs implementations agree on random inputs of every length', () => {
    for (let len = 0; len < 300; len += 7) {
      const b = randomBytes(len);
      const expected = kafkajsCrc32c(b);
      expect(crc32c(b)).toBe(expected);
      expect(crc32cJs(b)).toBe(expected);
    }
  });
});
