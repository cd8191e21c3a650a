import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { MaxLength } from 'class-validator';
import { type ImportReport } from '../../domain/imports/history-import.service';
import { UserErrorCodeEnum } from '../core/enums';
import { globalId } from '../core/ids';
import { UserErrorType } from '../core/user-error.type';
import { NotBlank } from '../core/validation';

export enum HistoryFormatEnum {
  JSON = 'JSON',
  CSV = 'CSV',
}
registerEnumType(HistoryFormatEnum, {
  name: 'HistoryFormat',
  description: 'The format of an import file.',
  valuesConfig: {
    JSON: { description: 'Agreements with their revisions, incidents, maintenance windows and measurements (docs/import.md).' },
    CSV: { description: 'Agreements with simple terms, one row per signed revision.' },
  },
});

export enum ImportedKindEnum {
  SERVICE = 'SERVICE',
  CUSTOMER = 'CUSTOMER',
  BUSINESS_CALENDAR = 'BUSINESS_CALENDAR',
  AGREEMENT = 'AGREEMENT',
  INCIDENT = 'INCIDENT',
  MAINTENANCE_WINDOW = 'MAINTENANCE_WINDOW',
  MEASUREMENT = 'MEASUREMENT',
}
registerEnumType(ImportedKindEnum, {
  name: 'ImportedKind',
  description: 'What kind of record of an import file.',
  valuesConfig: {
    SERVICE: { description: 'A service of the catalogue (by code): created when missing, else used as it is.' },
    CUSTOMER: { description: 'A customer (by externalRef, else name): created when missing, else used as it is.' },
    BUSINESS_CALENDAR: { description: 'A business-hours calendar (by name): created when missing, else used as it is.' },
    AGREEMENT: { description: 'An agreement with its signed revisions.' },
    INCIDENT: { description: 'An incident of the past, with its timeline.' },
    MAINTENANCE_WINDOW: { description: 'A maintenance window as it was announced.' },
    MEASUREMENT: { description: 'Good and total counts for a RATIO objective.' },
  },
});

export enum ImportOutcomeEnum {
  CREATED = 'CREATED',
  UNCHANGED = 'UNCHANGED',
}
registerEnumType(ImportOutcomeEnum, {
  name: 'ImportOutcome',
  description: 'What an import did with a record.',
  valuesConfig: {
    CREATED: { description: 'Written (in a dry run: would be written).' },
    UNCHANGED: { description: 'Imported before from the same source with the same content: nothing to do.' },
  },
});

@InputType('HistoryImportInput', { description: 'A file of signed history to import, whole.' })
export class HistoryImportInput {
  @Field(() => HistoryFormatEnum, { description: 'JSON, or CSV for agreements with simple terms.' }) format: HistoryFormatEnum;
  @Field({ description: 'The content of the file (UTF-8 text). Larger files than the request limit: use the command line (npm run import).' })
  @NotBlank()
  content: string;
  @Field({ description: 'The tool the history comes from, e.g. "legacy-crm": records are keyed by source and externalId, so that importing again changes nothing.' })
  @NotBlank()
  @MaxLength(100)
  source: string;
  @Field({ defaultValue: false, description: 'Check everything and report what would be written, by line and field, without writing anything.' }) dryRun: boolean;
}

@ObjectType('ImportProblem', { description: 'One problem of an import file: its line and field.' })
export class ImportProblem {
  @Field(() => Int, { description: 'The line of the file (1-based) the problem is on.' }) line: number;
  @Field(() => [String], { description: 'The field as the file names it: a JSON path such as ["agreements", "0", "revisions", "1", "effectiveFrom"], or the CSV column.' }) field: string[];
  @Field(() => UserErrorCodeEnum, { description: 'The kind of problem, as in userErrors.' }) code: UserErrorCodeEnum;
  @Field({ description: 'What is wrong, and what to do.' }) message: string;
}

@ObjectType('ImportedRecord', { description: 'What an import did (or, in a dry run, would do) with one record of the file.' })
export class ImportedRecordType {
  @Field(() => ImportedKindEnum, { description: 'The kind of record.' }) kind: ImportedKindEnum;
  @Field({ description: 'Its id in the source (for the catalogue: the service code, the customer externalRef or name, the calendar name).' }) externalId: string;
  @Field(() => Int, { description: 'The line of the file it starts on.' }) line: number;
  @Field(() => ImportOutcomeEnum, { description: 'CREATED or UNCHANGED.' }) outcome: ImportOutcomeEnum;
  @Field(() => ID, { nullable: true, description: 'The service, customer, business calendar, agreement or incident (a global id); null for maintenance windows and measurements, and in a dry run of a new record.' }) target: string | null;
}

@ObjectType('HistoryImportPayload', { description: 'The result of an import: every problem by line and field, or what was written.' })
export class HistoryImportPayload {
  @Field(() => Boolean, { nullable: true, description: 'Whether this was a dry run (nothing written).' }) dryRun: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'True when the file was imported: no problem, not a dry run.' }) written: boolean | null;
  @Field(() => [ImportProblem], { nullable: true, description: 'Every problem of the file, by line; any problem and nothing is written.' }) problems: ImportProblem[] | null;
  @Field(() => [ImportedRecordType], { nullable: true, description: 'Each record of the file and what became of it (empty when there are problems).' }) records: ImportedRecordType[] | null;
  @Field(() => [UserErrorType], { description: 'Empty when the import succeeded (or the dry run found nothing wrong); one INVALID_INPUT on content when the file has problems.' }) userErrors: UserErrorType[];
}

const TYPE_OF: Record<ImportedKindEnum, string | null> = { SERVICE: 'Service', CUSTOMER: 'Customer', BUSINESS_CALENDAR: 'BusinessCalendar', AGREEMENT: 'Agreement', INCIDENT: 'Incident', MAINTENANCE_WINDOW: null, MEASUREMENT: null };

export function toImportPayload(report: ImportReport): HistoryImportPayload {
  const written = !report.dryRun && report.problems.length === 0;
  return {
    dryRun: report.dryRun,
    written,
    problems: report.problems.map((p) => ({ line: p.line, field: p.field.map(String), code: p.code as UserErrorCodeEnum, message: p.message })),
    records: report.problems.length
      ? []
      : report.records
          .map((r) => {
            const type = TYPE_OF[r.kind as ImportedKindEnum];
            const shown = type && r.targetId && (written || r.outcome === 'UNCHANGED') ? globalId(type as never, r.targetId) : null;
            return { kind: r.kind as ImportedKindEnum, externalId: r.externalId, line: r.line, outcome: r.outcome as ImportOutcomeEnum, target: shown };
          })
          .sort((a, b) => a.line - b.line),
    userErrors: report.problems.length
      ? [{ code: UserErrorCodeEnum.INVALID_INPUT, field: ['input', 'content'], message: `The file has ${report.problems.length} problem(s), listed in problems by line and field; nothing was written.` }]
      : [],
  };
}
