import { In } from 'typeorm';
import { type FieldPath, throwIfAny, UserError } from '../../common/errors';
import { Role, ALL_ROLES } from '../../common/roles';
import { BusinessCalendarEntity, type OpeningInterval } from '../../db/entities/business-calendar.entity';
import { type RequestContext } from '../../context/request-context';
import { withTransaction } from '../../context/transaction';
import { requireRole } from '../shared/access';
import { rethrowUnique } from '../shared/db-errors';
import { type Page, type PageRequest, paginate } from '../shared/pagination';
import { isKnownHolidayLocation } from './business-hours';

export interface CalendarAttributes {
  name: string;
  timeZone: string;
  weeklyHours: OpeningInterval[];
  holidayCountry?: string | null;
  holidayRegion?: string | null;
  closedDates?: string[] | null;
  openDates?: string[] | null;
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

/** Opening intervals: valid weekdays and times, from before to, no overlap within a day. The first problem of each interval, naming it under `at`. */
export function weeklyHoursProblems(hours: OpeningInterval[], at: FieldPath = []): UserError[] {
  const problems: UserError[] = [];
  hours.forEach((h, i) => {
    const field = [...at, 'weeklyHours', i];
    const problem =
      !Number.isInteger(h.weekday) || h.weekday < 1 || h.weekday > 7
        ? new UserError('INVALID_INPUT', 'weekday is 1 (Monday) to 7 (Sunday).', [...field, 'weekday'])
        : !TIME.test(h.from) || h.from === '24:00'
          ? new UserError('INVALID_INPUT', 'from is a local time "HH:mm".', [...field, 'from'])
          : !TIME.test(h.to)
            ? new UserError('INVALID_INPUT', 'to is a local time "HH:mm" (or "24:00" for midnight).', [...field, 'to'])
            : minutes(h.to) <= minutes(h.from)
              ? new UserError('INVALID_INPUT', 'An opening interval ends after it starts (use "24:00" for midnight).', [...field, 'to'])
              : null;
    if (problem) return problems.push(problem);
    const overlap = hours.findIndex((o, j) => j < i && o.weekday === h.weekday && TIME.test(o.from) && TIME.test(o.to) && minutes(o.from) < minutes(h.to) && minutes(h.from) < minutes(o.to));
    if (overlap >= 0) problems.push(new UserError('INVALID_INPUT', `This interval overlaps interval ${overlap} of the same day.`, field));
  });
  return problems;
}

/** Every problem of a new calendar's attributes (their formats are checked on input), each naming its field under `at`. */
export function calendarProblems(input: CalendarAttributes, at: FieldPath = []): UserError[] {
  const problems = weeklyHoursProblems(input.weeklyHours, at);
  if (input.holidayCountry && !isKnownHolidayLocation(input.holidayCountry.toUpperCase(), input.holidayRegion ?? null)) {
    problems.push(new UserError('INVALID_INPUT', 'No public holidays are known for this country and region.', [...at, input.holidayRegion ? 'holidayRegion' : 'holidayCountry']));
  }
  if (input.holidayRegion && !input.holidayCountry) problems.push(new UserError('INVALID_INPUT', 'A holiday region needs its country.', [...at, 'holidayCountry']));
  return problems;
}

export async function create(ctx: RequestContext, input: CalendarAttributes): Promise<BusinessCalendarEntity> {
  const actor = requireRole(ctx, [Role.PROVIDER_ADMIN, Role.ACCOUNT_MANAGER]);
  throwIfAny(calendarProblems(input));
  return withTransaction(ctx, async (tx) => {
    const repo = tx.em.getRepository(BusinessCalendarEntity);
    try {
      return await repo.save(
        repo.create({
          providerId: actor.providerId,
          name: input.name.trim(),
          timeZone: input.timeZone,
          weeklyHours: [...input.weeklyHours].sort((a, b) => a.weekday - b.weekday || minutes(a.from) - minutes(b.from)),
          holidayCountry: input.holidayCountry?.toUpperCase() ?? null,
          holidayRegion: input.holidayRegion ?? null,
          closedDates: [...new Set(input.closedDates ?? [])].sort(),
          openDates: [...new Set(input.openDates ?? [])].sort(),
        }),
      );
    } catch (error) {
      rethrowUnique(error, { business_calendar_name_unique: { field: ['name'], message: 'A calendar with this name already exists.' } });
    }
  });
}

export async function list(ctx: RequestContext, page: PageRequest): Promise<Page<BusinessCalendarEntity>> {
  const actor = requireRole(ctx, ALL_ROLES);
  const qb = ctx.em.getRepository(BusinessCalendarEntity).createQueryBuilder('cal').where('cal.providerId = :p AND cal.archivedAt IS NULL', { p: actor.providerId });
  return paginate(qb, { column: 'name', direction: 'ASC', value: (c) => c.name }, page);
}

export async function findByIds(ctx: RequestContext, ids: readonly string[]): Promise<BusinessCalendarEntity[]> {
  if (ids.length === 0) return [];
  const actor = requireRole(ctx, ALL_ROLES);
  return ctx.em.getRepository(BusinessCalendarEntity).findBy({ id: In([...ids]), providerId: actor.providerId });
}
