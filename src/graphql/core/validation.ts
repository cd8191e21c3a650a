import { ValidateIf } from 'class-validator';

/** The field may be left out, but not set to null (the value it would clear is required). */
export const OptionalNotNull = () => ValidateIf((_object, value) => value !== undefined);
