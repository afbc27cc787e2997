/** Indian PIN code: 6 digits, first digit 1-9 (postal zones 1-8, 9 for the Army Postal Service). */
export function isValidPincode(input: string): boolean {
  return /^[1-9]\d{5}$/.test(input.trim());
}
