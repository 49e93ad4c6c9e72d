import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { IsInt, IsString, MetadataStorage, getMetadataStorage, validateSync } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { CommandEnvelopeDto, MetadataDto } from '../envelope.dto';
import { PAYLOADS } from '../payloads';
import { rememberValidationMetadata } from './validation-metadata';

type Rules = Map<unknown, ValidationMetadata[]>;
const rulesOf = (storage: MetadataStorage) =>
  (storage as unknown as { validationMetadatas: Rules }).validationMetadatas;

/** A storage holding the same rules as the process's, not remembering. */
function copyOfTheProcessRules(): MetadataStorage {
  const copy = new MetadataStorage();
  for (const rules of rulesOf(getMetadataStorage()).values())
    for (const rule of rules) copy.addValidationMetadata(rule);
  return copy;
}

/** What `validateSync` passes for a class (no schema name), though the type says a string. */
const NO_SCHEMA = undefined as unknown as string;
const OPTIONS: [string, boolean, boolean, string[] | undefined][] = [
  [NO_SCHEMA, false, false, undefined],
  [NO_SCHEMA, true, false, undefined],
  ['', true, false, undefined],
  [NO_SCHEMA, false, true, []],
  [NO_SCHEMA, false, false, ['admin']],
];

describe('remembering class-validator rules', () => {
  it('hands out, for every class and options, the rules the lookup finds, in their order', () => {
    const plain = copyOfTheProcessRules();
    const remembering = copyOfTheProcessRules();
    rememberValidationMetadata(remembering);
    const classes = [CommandEnvelopeDto, MetadataDto, ...Object.values(PAYLOADS)];
    for (const type of classes)
      for (const options of OPTIONS) {
        const expected = plain.getTargetValidationMetadatas(type, ...options);
        for (let time = 0; time < 2; time++) {
          const rules = remembering.getTargetValidationMetadatas(type, ...options);
          expect(rules).toHaveLength(expected.length);
          rules.forEach((rule, i) => expect(rule).toBe(expected[i]));
          expect(remembering.groupByPropertyName(rules)).toEqual(plain.groupByPropertyName(expected));
        }
      }
  });

  it('looks a class up once, and again after a rule was added', () => {
    class Base {
      @IsString() name!: string;
    }
    class Visit extends Base {
      @IsInt() count!: number;
    }
    const storage = new MetadataStorage();
    for (const rules of rulesOf(getMetadataStorage()).values())
      for (const rule of rules) if (rule.target === Base || rule.target === Visit) storage.addValidationMetadata(rule);
    const lookUp = jest.spyOn(storage, 'getTargetValidationMetadatas');
    rememberValidationMetadata(storage);
    const properties = () =>
      storage.getTargetValidationMetadatas(Visit, NO_SCHEMA, false, false).map((r) => r.propertyName);
    expect(properties()).toEqual(['count', 'name']);
    expect(properties()).toEqual(['count', 'name']);
    expect(lookUp).toHaveBeenCalledTimes(1);
    const nameRule = rulesOf(storage).get(Base)![0]!;
    storage.addValidationMetadata({ ...nameRule, propertyName: 'city' } as ValidationMetadata);
    expect(properties()).toEqual(['count', 'name', 'city']);
    expect(lookUp).toHaveBeenCalledTimes(2);
  });

  it('leaves the errors of validation as they were, field by field', () => {
    const bodies = [
      { commandId: 'c-1', type: 'RecordVisit', shopId: 'shop-1', payload: {} },
      { commandId: 'c 1', type: 'Nope', shopId: 7, payload: [], extra: true },
      { commandId: 'c-1', type: 'RecordVisit', payload: {}, metadata: { actor: { role: 'KING', id: 3 }, x: 1 } },
    ];
    const errorsOf = () =>
      bodies.map((body) =>
        validateSync(plainToInstance(CommandEnvelopeDto, body), {
          whitelist: true,
          forbidNonWhitelisted: true,
          forbidUnknownValues: true,
        }),
      );
    const before = errorsOf();
    rememberValidationMetadata();
    expect(errorsOf()).toEqual(before);
    expect(before.flat().length).toBeGreaterThan(4);
  });
});
