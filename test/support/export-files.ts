import { type AddressInfo } from 'node:net';
import { parse } from 'csv-parse/sync';
import { type ParsedMail, simpleParser } from 'mailparser';
import PDFParser from 'pdf2json';
import { SMTPServer } from 'smtp-server';

/** A downloaded file: status, headers and bytes. */
export async function download(url: string, token?: string): Promise<{ status: number; type: string | null; disposition: string | null; body: Buffer }> {
  const res = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'), body: Buffer.from(await res.arrayBuffer()) };
}

/** CSV as a reader sees it: the header row, and each row as a record of it. */
export function csvOf(body: Buffer | string): { header: string[]; rows: Record<string, string>[] } {
  const records: string[][] = parse(body, { relax_column_count: false });
  const [header, ...rest] = records;
  return { header, rows: rest.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]]))) };
}

/** A PDF's text (pages in order) and how many filled shapes (bars) and lines its pages draw. */
export function pdfOf(body: Buffer): Promise<{ text: string; pages: number; fills: number; lines: number }> {
  const parser = new PDFParser(null, true);
  return new Promise((resolve, reject) => {
    parser.on('pdfParser_dataError', (e) => reject(e instanceof Error ? e : new Error(String((e as { parserError?: unknown }).parserError))));
    parser.on('pdfParser_dataReady', (data) => {
      resolve({
        text: parser.getRawTextContent(),
        pages: data.Pages.length,
        fills: data.Pages.reduce((n, p) => n + p.Fills.length, 0),
        lines: data.Pages.reduce((n, p) => n + p.HLines.length + p.VLines.length, 0),
      });
    });
    // pdf2json reads the Buffer's whole underlying memory: a Buffer that is a slice of a larger one (a pooled
    // allocation, an attachment cut out of a message) must be copied into memory of its own first.
    const own = new Uint8Array(body.length);
    own.set(body);
    parser.parseBuffer(Buffer.from(own.buffer), 0);
  });
}

/** A real SMTP server on loopback (port 0) that parses every message it accepts; `refuse` makes it answer 451 to the next message. */
export class TestSmtp {
  readonly mails: ParsedMail[] = [];
  refuseNext = 0;

  private constructor(private readonly server: SMTPServer) {}

  static async start(): Promise<TestSmtp> {
    let self: TestSmtp | null = null;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, _session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          if (self!.refuseNext > 0) {
            self!.refuseNext -= 1;
            const error = Object.assign(new Error('Try again later'), { responseCode: 451 });
            callback(error);
            return;
          }
          simpleParser(Buffer.concat(chunks)).then(
            (mail) => {
              self!.mails.push(mail);
              callback();
            },
            (error: Error) => callback(error),
          );
        });
      },
    });
    self = new TestSmtp(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return self;
  }

  get url(): string {
    return `smtp://127.0.0.1:${(this.server.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
