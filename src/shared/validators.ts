/** class-validator decorators for this domain's formats. */
import { registerDecorator, type ValidationOptions } from 'class-validator';
import { parsePartialDate } from './partial-date';

/** "2024", "2024-09" or "2024-09-25", a real date at its precision. */
export function IsPartialDate(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isPartialDate',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `${String(propertyName)} must be a date as YYYY, YYYY-MM or YYYY-MM-DD`, ...options },
      validator: {
        validate: (value: unknown) =>
          value === undefined || value === null || (typeof value === 'string' && !!parsePartialDate(value)),
      },
    });
}
