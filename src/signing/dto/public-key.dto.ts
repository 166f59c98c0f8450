import { ApiProperty } from '@nestjs/swagger';

export class PublicKeyResponse {
  @ApiProperty({ enum: ['Ed25519'] }) algorithm!: string;
  @ApiProperty({ description: 'SubjectPublicKeyInfo, PEM', example: '-----BEGIN PUBLIC KEY-----…' })
  publicKeyPem!: string;
  @ApiProperty({ description: 'SHA-256 hex of the public key’s SPKI DER; signatures name it' })
  keyId!: string;
}
