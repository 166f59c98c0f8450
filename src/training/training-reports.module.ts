import { Module } from '@nestjs/common';
import { TrainingReportsController } from './training-reports.controller';
import { TrainingReportsService } from './training-reports.service';

/** Compliance reports over requirements, assignments and acknowledgements (read-only). */
@Module({
  controllers: [TrainingReportsController],
  providers: [TrainingReportsService],
})
export class TrainingReportsModule {}
