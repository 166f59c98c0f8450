import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsString, Max, MaxLength, Min, MinLength, IsOptional } from 'class-validator';
import { Roles } from '../common/decorators';
import { ANY_ROLE } from '../common/roles';
import { SearchService } from './search.service';

export class SearchQuery {
  @ApiProperty({ description: 'Words to find (web-search syntax: "quoted phrase", -excluded, or)' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  q!: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export class SearchHit {
  @ApiProperty({ format: 'uuid' }) documentId!: string;
  @ApiProperty() documentNumber!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ format: 'uuid' }) revisionId!: string;
  @ApiProperty() label!: string;
  @ApiProperty({ description: 'HTML-escaped excerpt with the matched words in <mark>' })
  snippet!: string;
  @ApiProperty() rank!: number;
}

export class SearchResults {
  @ApiProperty({ type: [SearchHit] }) items!: SearchHit[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Always null: the best matches come first',
  })
  nextCursor!: null;
}

@ApiTags('search')
@Controller('search')
export class SearchController {
  constructor(private readonly search: SearchService) {}

  @Get()
  @Roles(...ANY_ROLE)
  @ApiOperation({
    summary: 'Full-text search over effective revisions (title weighted above body, stemmed)',
  })
  @ApiOkResponse({ type: SearchResults })
  @ApiServiceUnavailableResponse({
    description:
      'problem+json with Retry-After: `search-timeout` when the search ran past SEARCH_TIMEOUT_MS ' +
      '(use more specific words), `search-busy` when too many searches are already running or waiting ' +
      '(a quarter of the connection pool serves searches, so other requests always find a connection). ' +
      'Snippets come from the first 100,000 characters of a body.',
  })
  find(@Query() q: SearchQuery): Promise<SearchResults> {
    return this.search.find(q.q, q.limit ?? 20);
  }
}
