// The schema helpers live with the wire (libs/contracts); the engine's documents use them from here.
export {
  bool,
  counts,
  date,
  instant,
  int,
  list,
  money,
  month,
  nullable,
  num,
  obj,
  oneOf,
  ref,
  str,
  type Schema,
} from '@sce/contracts';
