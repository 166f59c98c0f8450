import { ArgumentMetadata, BadRequestException, ValidationPipe } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max } from 'class-validator';
import { AppValidationPipe } from './validation.pipe';

class ListQuery {
  @IsOptional()
  @IsString()
  cursor?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Max(200)
  limit?: number;

  @IsOptional()
  @IsString()
  order = 'desc';
}

class SearchQuery {
  @IsString()
  q!: string;
}

const options = { whitelist: true, forbidNonWhitelisted: true, transform: true } as const;
const query = (metatype: ArgumentMetadata['metatype']): ArgumentMetadata => ({
  type: 'query',
  metatype,
});

describe('AppValidationPipe', () => {
  it('answers an empty query string as ValidationPipe does, the first time and after', async () => {
    const pipe = new AppValidationPipe(options);
    const plain = await new ValidationPipe(options).transform({}, query(ListQuery));
    const validate = jest.spyOn(pipe as unknown as { validate: () => unknown }, 'validate');
    for (let i = 0; i < 3; i++) {
      const got = await pipe.transform(Object.create(null), query(ListQuery));
      expect(got).toBeInstanceOf(ListQuery);
      expect(got).toEqual(plain);
      expect(got).toEqual({ order: 'desc' });
    }
    expect(validate).toHaveBeenCalledTimes(1); // the rules were walked the first time only
  });

  it('still checks a query string with parameters once an empty one passed', async () => {
    const pipe = new AppValidationPipe(options);
    await pipe.transform({}, query(ListQuery));
    await expect(pipe.transform({ limit: '500' }, query(ListQuery))).rejects.toThrow(
      BadRequestException,
    );
    await expect(pipe.transform({ extra: 'x' }, query(ListQuery))).rejects.toThrow(
      BadRequestException,
    );
    await expect(pipe.transform({ limit: '20' }, query(ListQuery))).resolves.toEqual({
      limit: 20,
      order: 'desc',
    });
  });

  it('refuses an empty query string every time when the DTO requires a parameter', async () => {
    const pipe = new AppValidationPipe(options);
    for (let i = 0; i < 2; i++)
      await expect(pipe.transform({}, query(SearchQuery))).rejects.toThrow(BadRequestException);
  });

  it('does not take an empty body for an empty query string', async () => {
    const pipe = new AppValidationPipe(options);
    await pipe.transform({}, query(ListQuery));
    await expect(pipe.transform({}, { type: 'body', metatype: SearchQuery })).rejects.toThrow(
      BadRequestException,
    );
  });
});
