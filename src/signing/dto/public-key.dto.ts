import { ApiProperty } from '@nestjs/swagger';

export class PublicKeyResponse {
  @ApiProperty({ enum: ['Ed25519'] }) algorithm!: string;
  @ApiProperty({ description: 'SubjectPublicKeyInfo, PEM', example: '-----BEGIN PUBLIC KEY-----…' })
  publicKeyPem!: string;
  @ApiProperty({ description: 'SHA-256 hex of the public key’s SPKI DER; signatures name it' })
  keyId!: string;
}

export class SigningKeyResponse extends PublicKeyResponse {
  @ApiProperty({ format: 'date-time', description: 'When the instance first ran with this key' })
  firstUsedAt!: string;
  @ApiProperty({ description: 'Whether the instance signs with this key now' })
  current!: boolean;
}

export class SigningKeyList {
  @ApiProperty({ type: [SigningKeyResponse] }) items!: SigningKeyResponse[];
}
