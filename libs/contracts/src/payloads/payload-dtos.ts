/** A class-validator DTO: the class a payload is turned into and checked as. */
export type PayloadDto = new () => object;

/** The payload DTO of every command type of `C`; the compiler refuses one missing. */
export type PayloadDtos<C extends { type: string }> = Record<C['type'], PayloadDto>;
