// The training kernel's memory layout: byte offsets that the AssemblyScript kernel (kernel.ts,
// which imports this file) and its JavaScript glue (../engine.ts) both read. Plain integer
// constants, so the file is valid AssemblyScript and TypeScript alike.
//
// From offset 0: the exp's table, then its constants, then the resident run's record, then the
// run's buffers (from BASE).

/** e^x's table: 2^(j/128) for j = 0…127, 16 bytes each (the value's bits, its rounding error). */
export const TABLE_BITS = 7;
export const TABLE_SIZE = 128;
export const TABLE = 0;

// The exp's constants after the table, each written twice (one 16-byte vector), in this order.
export const C_INV_LN2_N = TABLE + 16 * TABLE_SIZE;
export const C_ROUND_SHIFT = C_INV_LN2_N + 16;
export const C_NEG_LN2_HI_N = C_ROUND_SHIFT + 16;
export const C_NEG_LN2_LO_N = C_NEG_LN2_HI_N + 16;
export const C_HALF = C_NEG_LN2_LO_N + 16;
export const C_SIXTH = C_HALF + 16;
export const C_24TH = C_SIXTH + 16;
export const C_120TH = C_24TH + 16;
export const C_ONE = C_120TH + 16;
export const C_FAST_RANGE = C_ONE + 16;

// The resident run's record: what an epoch returns (f64, i32), what the host sets before an
// update (f64s), then the sizes (i32s; hp and op are nHidden and nOutput rounded up to even)
// and the byte offsets of the run's buffers (i32s).
export const RUN = C_FAST_RANGE + 16;
export const RUN_SQUARED_ERRORS = RUN;
export const RUN_CORRECT = RUN + 8;
export const RUN_LEARNING_RATE = RUN + 16;
export const RUN_N = RUN + 24;
export const RUN_ROWS = RUN + 32;
export const RUN_N_INPUT = RUN_ROWS + 4;
export const RUN_N_OUTPUT = RUN_ROWS + 8;
export const RUN_N_HIDDEN = RUN_ROWS + 12;
export const RUN_HP = RUN_ROWS + 16;
export const RUN_OP = RUN_ROWS + 20;
export const RUN_X = RUN_ROWS + 24;
export const RUN_Y = RUN_ROWS + 28;
export const RUN_LABELS = RUN_ROWS + 32;
export const RUN_W1 = RUN_ROWS + 36;
export const RUN_W2 = RUN_ROWS + 40;
export const RUN_W2T = RUN_ROWS + 44;
export const RUN_G1 = RUN_ROWS + 48;
export const RUN_G2T = RUN_ROWS + 52;
export const RUN_HIDDEN = RUN_ROWS + 56;
export const RUN_OUTPUTS = RUN_ROWS + 60;
export const RUN_DELTA2 = RUN_ROWS + 64;
export const RUN_END = RUN_ROWS + 68;

/** Where a run's buffers start: after its record, 16-byte aligned. */
export const BASE = (RUN_END + 15) & ~15;
