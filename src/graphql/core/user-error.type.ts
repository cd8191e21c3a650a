import { type ValidationError } from 'class-validator';
import { Field, ObjectType } from 'type-graphql';
import { type FieldPath, UserError as DomainUserError } from '../../common/errors';
import { UserErrorCodeEnum } from './enums';
import { userErrorPath } from './user-error-path';

@ObjectType('UserError', { description: 'A business failure: what went wrong, and which input field is at fault.' })
export class UserErrorType {
  @Field(() => UserErrorCodeEnum, { description: 'A stable code to branch on.' }) code: UserErrorCodeEnum;
  @Field(() => [String], { description: 'Path to the input field at fault, e.g. ["input", "rules", "0", "tiers"]; empty when no one field is.' })
  field: string[];
  @Field({ description: 'What went wrong, in English, to show to a person.' }) message: string;
}

/** A domain error as a client sees it, its field from `argument` down (see user-error-path.ts). */
export function toUserErrorType(error: DomainUserError, argument: string | null): UserErrorType {
  return { code: error.code as UserErrorCodeEnum, field: userErrorPath(error.field, argument), message: error.message };
}

/** One user error per failed constraint, with the full path of the nested field. */
export function fromValidationErrors(errors: ValidationError[], prefix: FieldPath): UserErrorType[] {
  return errors.flatMap((e) => {
    const path = [...prefix, e.property];
    const own = Object.values(e.constraints ?? {}).map((message) => ({
      code: UserErrorCodeEnum.INVALID_INPUT,
      field: path.map(String),
      message: message.replace(/^each value in /, ''),
    }));
    return [...own, ...fromValidationErrors(e.children ?? [], path)];
  });
}
