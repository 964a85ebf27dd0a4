/**
 * The id of the built-in bank. Reserved: only the built-in seeding imports under it, so no pack
 * can take the built-in questions over (and retire them) by stating this id.
 */
export const builtinBankId = 'deepdrill-core';
