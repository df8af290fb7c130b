import type { DgQualification, PartyRole } from '@cargo/contracts';

/**
 * Dangerous-goods qualification registry (DOMAIN.md, "Control rules": manufacturers, shippers and
 * agents that pass a full qualification assessment get an access mechanism; cargo from unqualified
 * parties is held). A party absent from the registry is unqualified.
 *
 * Deliberately mixed for the customs rules and their tests (the reference date being late 2026):
 * - valid through 2027+: SHP-OV-001, AGT-001, MFR-001, MFR-002, SHP-ED-003, SHP-DG-001 …;
 * - scope-limited: SHP-OV-004 only for UN3481 (batteries packed with equipment), not UN3480;
 * - expired: SHP-OV-008 (2024-12-31), AGT-002 (2025-12-31), MFR-007 (2024-06-30);
 * - not yet valid: AGT-004 (from 2027-01-01);
 * - absent (unqualified): SHP-HS-002, MFR-006, and every other party.
 */
export const DG_REGISTRY: readonly DgQualification[] = [
  q('HB-DGQ-2025-0017', 'SHP-OV-001', 'SHIPPER', ['9'], ['UN3480', 'UN3481'], '2025-01-01', '2027-12-31'),
  q('HB-DGQ-2025-0021', 'AGT-001', 'AGENT', ['2.1', '3', '8', '9'], [], '2025-03-01', '2028-02-29'),
  q('HB-DGQ-2024-0088', 'MFR-001', 'MANUFACTURER', ['9'], ['UN3480', 'UN3481'], '2024-07-01', '2027-06-30'),
  q('HB-DGQ-2025-0034', 'SHP-OV-004', 'SHIPPER', ['9'], ['UN3481'], '2025-01-01', '2027-12-31'),
  q('HB-DGQ-2023-0102', 'SHP-OV-008', 'SHIPPER', ['9'], ['UN3480'], '2023-01-01', '2024-12-31'),
  q('HB-DGQ-2025-0056', 'SHP-OV-005', 'SHIPPER', ['6.2', '9'], ['UN3373', 'UN1845'], '2025-05-01', '2028-04-30'),
  q('HB-DGQ-2025-0061', 'SHP-ED-003', 'SHIPPER', ['9'], ['UN3480', 'UN3481', 'UN3171'], '2025-06-01', '2028-05-31'),
  q('HB-DGQ-2025-0009', 'MFR-002', 'MANUFACTURER', ['9'], ['UN3480', 'UN3481', 'UN3090', 'UN3091'], '2025-01-01', '2027-12-31'),
  q('HB-DGQ-2024-0015', 'AGT-002', 'AGENT', ['9'], [], '2024-01-01', '2025-12-31'),
  q('HB-DGQ-2026-0003', 'AGT-003', 'AGENT', ['9'], ['UN3480', 'UN3481', 'UN3090', 'UN3091'], '2026-01-01', '2028-12-31'),
  q('JS-DGQ-2027-0001', 'AGT-004', 'AGENT', ['3', '9'], [], '2027-01-01', '2029-12-31'),
  q('GD-DGQ-2025-0140', 'AGT-005', 'AGENT', ['9'], ['UN3480', 'UN3481'], '2025-02-15', '2028-02-14'),
  q('ZJ-DGQ-2024-0077', 'SHP-NB-001', 'SHIPPER', ['9'], ['UN3480', 'UN3481', 'UN3090', 'UN3091'], '2024-01-01', '2026-12-31'),
  q('ZJ-DGQ-2022-0045', 'MFR-007', 'MANUFACTURER', ['9'], ['UN3480'], '2022-07-01', '2024-06-30'),
  q('GD-DGQ-2025-0102', 'SHP-DG-001', 'SHIPPER', ['9'], ['UN3481', 'UN3091'], '2025-01-01', '2027-12-31'),
  q('GD-DGQ-2026-0011', 'MFR-003', 'MANUFACTURER', ['9'], [], '2026-01-01', '2028-12-31'),
  q('HB-DGQ-2025-0070', 'MFR-004', 'MANUFACTURER', ['2.1', '2.2'], ['UN1950'], '2025-04-01', '2027-03-31'),
  q('HB-DGQ-2025-0071', 'MFR-005', 'MANUFACTURER', ['3', '8'], [], '2025-04-01', '2027-03-31'),
];

/** Registry entries of a party (any role); empty when the party is unqualified. */
export function dgQualificationsOf(partyId: string): DgQualification[] {
  return DG_REGISTRY.filter((e) => e.partyId === partyId);
}

function q(
  certificateNo: string,
  partyId: string,
  role: PartyRole,
  classes: DgQualification['classes'],
  unNumbers: readonly string[],
  validFrom: string,
  validTo: string,
): DgQualification {
  const issuer = certificateNo.startsWith('HB')
    ? 'Hubei Airport Group DG Assessment Office'
    : `${certificateNo.slice(0, 2)} provincial DG assessment office`;
  return { certificateNo, partyId, role, classes, unNumbers, validFrom, validTo, issuer };
}
