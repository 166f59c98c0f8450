import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../common/decorators';
import { MarkdownPreviewDto } from './dto/preview.dto';
import { MarkdownService } from './markdown.service';

/** As GET /revisions/:id/html: the rendered body is data, never script. */
const HTML_CSP =
  "default-src 'none'; img-src https: data:; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

@ApiTags('revisions')
@Controller('markdown')
export class MarkdownController {
  constructor(private readonly markdown: MarkdownService) {}

  @Post('preview')
  // Those who may edit drafts: a preview is part of writing one.
  @Roles('admin', 'quality_lead')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Render a Markdown body without saving it, exactly as GET /revisions/:id/html would',
  })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'A sanitised HTML fragment' })
  async preview(@Body() dto: MarkdownPreviewDto, @Res() res: FastifyReply): Promise<void> {
    // large bodies render in a worker thread: render() is asynchronous
    const html = await this.markdown.render(dto.body);
    res.header('Content-Security-Policy', HTML_CSP);
    res.header('X-Content-Type-Options', 'nosniff');
    res.code(200).type('text/html; charset=utf-8').send(html);
  }
}
