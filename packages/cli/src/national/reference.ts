// The reference data the national data set is built on: Denmark's 98 municipalities (from the housing service's
// seed file), how much social housing each has, and the synthetic names the data set gives areas, streets and
// people. Nothing here names a real housing area or a real person.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const REGIONS = ['NORDJYLLAND', 'MIDTJYLLAND', 'SYDDANMARK', 'HOVEDSTADEN', 'SJAELLAND'] as const;
export type Region = (typeof REGIONS)[number];

export interface Municipality {
  code: string;
  name: string;
  region: Region;
}

const REGION_NAMES: Readonly<Record<string, Region>> = {
  'Region Nordjylland': 'NORDJYLLAND',
  'Region Midtjylland': 'MIDTJYLLAND',
  'Region Syddanmark': 'SYDDANMARK',
  'Region Hovedstaden': 'HOVEDSTADEN',
  'Region Sjælland': 'SJAELLAND',
};

/** The 98 municipalities of services/housing/src/seed/municipalities.tsv, in the file's order. */
export function readMunicipalities(root: string): Municipality[] {
  const file = join(root, 'services', 'housing', 'src', 'seed', 'municipalities.tsv');
  const municipalities = readFileSync(file, 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t').map((field) => field.trim()))
    .filter(([code]) => code !== undefined && /^\d{3}$/.test(code))
    .map(([code, name, region]) => {
      const known = REGION_NAMES[region ?? ''];
      if (!known || !name) throw new Error(`${file}: municipality ${code} has no known region`);
      return { code: code as string, name, region: known };
    });
  if (municipalities.length !== 98) {
    throw new Error(`expected 98 municipalities in ${file}, found ${municipalities.length}`);
  }
  return municipalities;
}

/**
 * Thousands of social housing units, roughly, in the municipalities with the most; 2 for every other one. Areas,
 * units and households are spread by these weights, so the large cities hold the most (as they do).
 */
const SOCIAL_HOUSING: Readonly<Record<string, number>> = {
  '101': 60,
  '751': 45,
  '851': 25,
  '461': 24,
  '561': 12,
  '159': 10,
  '621': 9,
  '630': 9,
  '730': 9,
  '153': 8,
  '167': 8,
  '169': 8,
  '615': 8,
  '151': 7,
  '165': 7,
  '217': 7,
  '330': 7,
  '147': 6,
  '175': 6,
  '265': 6,
  '370': 6,
  '607': 6,
  '657': 6,
  '740': 6,
  '163': 5,
  '183': 5,
  '259': 5,
  '316': 5,
  '540': 5,
  '791': 5,
  '219': 4,
  '479': 4,
  '813': 4,
};

export function socialHousingWeight(code: string): number {
  return SOCIAL_HOUSING[code] ?? 2;
}

/** Area names: a first part and a last part (`Birkeparken`), numbered when a municipality has it twice. */
export const AREA_FIRST = [
  'Birke',
  'Ege',
  'Lærke',
  'Solsikke',
  'Kilde',
  'Mølle',
  'Skov',
  'Strand',
  'Enge',
  'Hvede',
  'Rose',
  'Ahorn',
  'Bøge',
  'Fyrre',
  'Hassel',
  'Linde',
  'Pile',
  'Rønne',
  'Tjørne',
  'Valmue',
  'Hylde',
  'Kløver',
  'Syrene',
  'Humle',
] as const;
export const AREA_LAST = [
  'parken',
  'gården',
  'vænget',
  'højen',
  'haven',
  'bakken',
  'lunden',
  'toften',
  'engen',
  'marken',
] as const;
export const STREET_LAST = ['vej', 'gade', 'allé', 'stien', 'parken', 'vænget'] as const;

export const FIRST_NAMES = [
  'Anna',
  'Sofie',
  'Maria',
  'Fatima',
  'Amina',
  'Ida',
  'Emma',
  'Laura',
  'Mette',
  'Hanne',
  'Zainab',
  'Sara',
  'Leila',
  'Camilla',
  'Peter',
  'Jens',
  'Lars',
  'Mohammed',
  'Ali',
  'Ahmed',
  'Mikkel',
  'Rasmus',
  'Omar',
  'Kasper',
  'Yusuf',
  'Thomas',
  'Hassan',
  'Frederik',
  'Noah',
  'Oscar',
  'William',
  'Malthe',
  'Ella',
  'Alma',
  'Nour',
  'Ibrahim',
] as const;
export const SURNAMES = [
  'Jensen',
  'Nielsen',
  'Hansen',
  'Pedersen',
  'Andersen',
  'Christensen',
  'Larsen',
  'Sørensen',
  'Rasmussen',
  'Jørgensen',
  'Petersen',
  'Madsen',
  'Kristensen',
  'Olsen',
  'Thomsen',
  'Hussein',
  'Ali',
  'Ahmad',
  'Yilmaz',
  'Khan',
  'Abdi',
  'Nguyen',
  'Kowalski',
  'Mahmoud',
] as const;
