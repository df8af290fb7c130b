import { Injectable } from '@nestjs/common';
import type { HandlingScannedPayload } from '@cargo/contracts';
import { Clock } from '@cargo/service-runtime';
import type { CustomsUnitOfWork } from './customs.ports';

/**
 * A DEP scan marks the AWB's case as departed: from then on no manual hold (or release) is
 * accepted. Other scan codes, and scans of AWBs without a case, are ignored.
 */
@Injectable()
export class RecordDepartureUseCase {
  constructor(private readonly clock: Clock) {}

  async execute(payload: HandlingScannedPayload, uow: CustomsUnitOfWork): Promise<void> {
    if (payload.code !== 'DEP') return;
    const customsCase = await uow.cases.findByAwb(payload.awb, { forUpdate: true });
    if (!customsCase) return;
    customsCase.markDeparted(new Date(payload.happenedAt), this.clock.now(), payload.flightNumber);
    if (customsCase.pendingAudit().length > 0) await uow.cases.update(customsCase);
  }
}
