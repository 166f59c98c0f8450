import { ApiProperty } from '@nestjs/swagger';

export class ImpactDepartment {
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'null: people in no department',
  })
  departmentId!: string | null;
  @ApiProperty({ nullable: true, type: String }) name!: string | null;
  @ApiProperty({ description: 'People of this department who will have to read it' })
  count!: number;
}

export class RevisionImpactResponse {
  @ApiProperty({
    description:
      'Active people who will get an assignment when this revision becomes effective (with the training requirement as it is now)',
  })
  total!: number;
  @ApiProperty({
    description:
      'Covered people who will not: the change is minor, the requirement does not retrain on minor, and they read the previous revision',
  })
  excusedMinor!: number;
  @ApiProperty({
    type: [ImpactDepartment],
    description: 'total per department; a person in two departments counts in both',
  })
  departments!: ImpactDepartment[];
}
