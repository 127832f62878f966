/** Denmark's five regions, with the official region codes (regionskoder). */
export const REGIONS = {
  NORDJYLLAND: { code: 1081, name: 'Region Nordjylland' },
  MIDTJYLLAND: { code: 1082, name: 'Region Midtjylland' },
  SYDDANMARK: { code: 1083, name: 'Region Syddanmark' },
  HOVEDSTADEN: { code: 1084, name: 'Region Hovedstaden' },
  SJAELLAND: { code: 1085, name: 'Region Sjælland' },
} as const;

export type Region = keyof typeof REGIONS;

export function regionByCode(code: number): Region {
  const region = (Object.keys(REGIONS) as Region[]).find((key) => REGIONS[key].code === code);
  if (!region) throw new Error(`unknown region code ${code}`);
  return region;
}
