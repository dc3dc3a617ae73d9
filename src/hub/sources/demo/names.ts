/** Names for a French/English contact-center team and its customers. */
import type { Random } from './prng.js';

const FRENCH_FIRST = [
  'Camille',
  'Léa',
  'Hugo',
  'Chloé',
  'Lucas',
  'Manon',
  'Nicolas',
  'Émilie',
  'Antoine',
  'Inès',
  'Théo',
  'Sophie',
  'Mathieu',
  'Pauline',
  'Romain',
  'Élodie',
  'Maxime',
  'Aurélie',
  'Baptiste',
  'Céline',
  'Guillaume',
  'Margaux',
  'Yanis',
  'Nadia',
  'Karim',
  'Amandine',
  'Benoît',
  'Juliette',
  'Quentin',
  'Sandrine',
] as const;
const ENGLISH_FIRST = [
  'James',
  'Emily',
  'Oliver',
  'Charlotte',
  'Daniel',
  'Hannah',
  'George',
  'Amelia',
  'Jack',
  'Grace',
  'Harry',
  'Lucy',
  'Megan',
  'Ryan',
  'Aisha',
  'Liam',
  'Olivia',
  'Ethan',
  'Zoe',
  'Samuel',
] as const;
const FRENCH_LAST = [
  'Laurent',
  'Simon',
  'Michel',
  'Garnier',
  'Fontaine',
  'Rousseau',
  'Mercier',
  'Blanc',
  'Guérin',
  'Faure',
  'André',
  'Chevalier',
  'Lambert',
  'Bonnet',
  'François',
  'Legrand',
  'Gauthier',
  'Perrin',
  'Morel',
  'Girard',
  'Roux',
  'Vincent',
  'Fournier',
  'Dumont',
  'Lemaire',
  'Bertrand',
  'Renaud',
  'Caron',
  'Picard',
  'Barbier',
] as const;
const ENGLISH_LAST = [
  'Smith',
  'Taylor',
  'Brown',
  'Wilson',
  'Evans',
  'Walker',
  'Robinson',
  'Hughes',
  'Clarke',
  'Patel',
  'Harris',
  'Turner',
  'Cooper',
  'Ward',
  'Hall',
  'Green',
  'Baker',
  'Mitchell',
  'Kelly',
  'Murphy',
] as const;

/** A believable full name: mostly French, some English, a few mixed. */
export function personName(random: Random): string {
  const roll = random.next();
  if (roll < 0.6) return `${random.pick(FRENCH_FIRST)} ${random.pick(FRENCH_LAST)}`;
  if (roll < 0.9) return `${random.pick(ENGLISH_FIRST)} ${random.pick(ENGLISH_LAST)}`;
  return `${random.pick(ENGLISH_FIRST)} ${random.pick(FRENCH_LAST)}`;
}

/** `Émilie Guérin` → `emilie.guerin`: a name as an id (letters, digits, dots and dashes). */
export function slug(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.|\.$/g, '');
}

/** A French or British phone number, for a caller. */
export function phoneNumber(random: Random): string {
  const digits = (n: number) => Array.from({ length: n }, () => random.int(0, 9)).join('');
  return random.chance(0.75)
    ? `+33 ${random.pick(['1', '4', '6', '7'])} ${digits(2)} ${digits(2)} ${digits(2)} ${digits(2)}`
    : `+44 7${digits(3)} ${digits(6)}`;
}

/** An e-mail address for a chat customer. */
export function emailOf(name: string, random: Random): string {
  return `${slug(name)}${random.chance(0.3) ? random.int(1, 99) : ''}@${random.pick(['gmail.com', 'orange.fr', 'free.fr', 'outlook.com', 'yahoo.co.uk', 'laposte.net'])}`;
}
