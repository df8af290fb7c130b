import { Injectable } from '@nestjs/common';
import type { CreditGrade, DgQualification } from '@cargo/contracts';
import { DG_REGISTRY, SHIPPERS } from '@cargo/seeds';
import { ReferenceDataPort } from '../application/customs.ports';

/**
 * The credit registry (shippers' grades) and the DG registry, loaded once at start from the
 * read-only seeds (`@cargo/seeds`) into memory. A real deployment would sync them from the
 * registries' own systems; the rules only see this port.
 */
@Injectable()
export class SeedsReferenceDataAdapter extends ReferenceDataPort {
  private readonly grades = new Map<string, CreditGrade>(SHIPPERS.map((s) => [s.id, s.creditGrade]));
  private readonly registry: readonly DgQualification[] = [...DG_REGISTRY];

  creditGradeOf(shipperId: string): CreditGrade | undefined {
    return this.grades.get(shipperId);
  }

  dgRegistry(): readonly DgQualification[] {
    return this.registry;
  }
}
