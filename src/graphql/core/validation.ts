import { ValidateBy, ValidateIf, buildMessage } from 'class-validator';

/** The field may be left out, but not set to null (the value it would clear is required). */
export const OptionalNotNull = () => ValidateIf((_object, value) => value !== undefined);

/** A string with something other than white space in it (names are trimmed before they are stored). */
export const NotBlank = () =>
  ValidateBy({
    name: 'notBlank',
    validator: {
      validate: (value: unknown) => typeof value !== 'string' || value.trim().length > 0,
      defaultMessage: buildMessage((prefix) => `${prefix}$property must not be blank`),
    },
  });
