/**
 * Spanish-like names for the generated institutions, places, agreements and events. Many names share words
 * ("Universidad", "Facultad de Derecho", "Instituto Electoral"), as real ones do, so a search such as "univ"
 * matches thousands of nodes with equal scores.
 */
import { type Random } from './random';

export const COUNTRIES: readonly { name: string; aliases: string[] }[] = [
  { name: 'México', aliases: ['Mexico', 'Estados Unidos Mexicanos', 'MX'] },
  { name: 'Argentina', aliases: ['República Argentina', 'AR'] },
  { name: 'Colombia', aliases: ['República de Colombia', 'CO'] },
  { name: 'Chile', aliases: ['República de Chile', 'CL'] },
  { name: 'Perú', aliases: ['República del Perú', 'PE'] },
  { name: 'España', aliases: ['Reino de España', 'Spain', 'ES'] },
  { name: 'Estados Unidos', aliases: ['United States', 'EE. UU.', 'USA'] },
  { name: 'Guatemala', aliases: ['GT'] },
  { name: 'Costa Rica', aliases: ['CR'] },
  { name: 'Panamá', aliases: ['PA'] },
  { name: 'Ecuador', aliases: ['EC'] },
  { name: 'Bolivia', aliases: ['Estado Plurinacional de Bolivia', 'BO'] },
  { name: 'Paraguay', aliases: ['PY'] },
  { name: 'Uruguay', aliases: ['República Oriental del Uruguay', 'UY'] },
  { name: 'Venezuela', aliases: ['VE'] },
  { name: 'Honduras', aliases: ['HN'] },
  { name: 'El Salvador', aliases: ['SV'] },
  { name: 'Nicaragua', aliases: ['NI'] },
  { name: 'República Dominicana', aliases: ['DO'] },
  { name: 'Cuba', aliases: ['CU'] },
  { name: 'Brasil', aliases: ['Brazil', 'BR'] },
  { name: 'Canadá', aliases: ['Canada', 'CA'] },
  { name: 'Francia', aliases: ['France', 'FR'] },
  { name: 'Alemania', aliases: ['Germany', 'DE'] },
  { name: 'Italia', aliases: ['Italy', 'IT'] },
  { name: 'Portugal', aliases: ['PT'] },
  { name: 'Reino Unido', aliases: ['United Kingdom', 'UK'] },
  { name: 'Países Bajos', aliases: ['Netherlands', 'NL'] },
  { name: 'Bélgica', aliases: ['Belgium', 'BE'] },
  { name: 'Suiza', aliases: ['Switzerland', 'CH'] },
  { name: 'Suecia', aliases: ['Sweden', 'SE'] },
  { name: 'Noruega', aliases: ['Norway', 'NO'] },
  { name: 'Japón', aliases: ['Japan', 'JP'] },
  { name: 'Corea del Sur', aliases: ['South Korea', 'KR'] },
  { name: 'India', aliases: ['IN'] },
  { name: 'Sudáfrica', aliases: ['South Africa', 'ZA'] },
  { name: 'Marruecos', aliases: ['Morocco', 'MA'] },
  { name: 'Filipinas', aliases: ['Philippines', 'PH'] },
  { name: 'Australia', aliases: ['AU'] },
  { name: 'Puerto Rico', aliases: ['PR'] },
];

/** Real cities first (those of México go to the first country), then made-up towns. */
const MEXICAN_CITIES = [
  'Ciudad de México',
  'Guadalajara',
  'Monterrey',
  'Puebla',
  'Tijuana',
  'León',
  'Querétaro',
  'Mérida',
  'Toluca',
  'Aguascalientes',
  'Morelia',
  'Chihuahua',
  'Saltillo',
  'Hermosillo',
  'Culiacán',
  'Oaxaca',
  'Xalapa',
  'Veracruz',
  'Cuernavaca',
  'Pachuca',
  'Tlaxcala',
  'Zacatecas',
  'Durango',
  'San Luis Potosí',
  'Tuxtla Gutiérrez',
  'Villahermosa',
  'Campeche',
  'Chetumal',
  'Cancún',
  'Acapulco',
  'Chilpancingo',
  'Colima',
  'Tepic',
  'La Paz',
  'Mexicali',
  'Ensenada',
  'Ciudad Juárez',
  'Torreón',
  'Mazatlán',
  'Celaya',
];
const OTHER_CITIES: readonly [string, number][] = [
  ['Buenos Aires', 1],
  ['Córdoba', 1],
  ['Rosario', 1],
  ['Mendoza', 1],
  ['Bogotá', 2],
  ['Medellín', 2],
  ['Cali', 2],
  ['Santiago', 3],
  ['Valparaíso', 3],
  ['Lima', 4],
  ['Arequipa', 4],
  ['Madrid', 5],
  ['Barcelona', 5],
  ['Sevilla', 5],
  ['Valencia', 5],
  ['Salamanca', 5],
  ['Chicago', 6],
  ['Dallas', 6],
  ['Los Ángeles', 6],
  ['Houston', 6],
  ['Austin', 6],
  ['Nueva York', 6],
  ['Ciudad de Guatemala', 7],
  ['San José', 8],
  ['Ciudad de Panamá', 9],
  ['Quito', 10],
  ['La Paz de Bolivia', 11],
  ['Asunción', 12],
  ['Montevideo', 13],
  ['Caracas', 14],
  ['Tegucigalpa', 15],
  ['San Salvador', 16],
  ['Managua', 17],
  ['Santo Domingo', 18],
  ['La Habana', 19],
  ['São Paulo', 20],
  ['Montreal', 21],
  ['París', 22],
  ['Berlín', 23],
  ['Roma', 24],
  ['Lisboa', 25],
  ['Londres', 26],
  ['La Haya', 27],
  ['Bruselas', 28],
  ['Ginebra', 29],
  ['Estocolmo', 30],
  ['Oslo', 31],
  ['Tokio', 32],
  ['Seúl', 33],
  ['Nueva Delhi', 34],
  ['Pretoria', 35],
  ['Rabat', 36],
  ['Manila', 37],
  ['Canberra', 38],
  ['San Juan', 39],
];
const SAINTS = [
  'San Andrés',
  'San Bartolo',
  'San Juan',
  'San Pedro',
  'San Miguel',
  'San Francisco',
  'Santa María',
  'Santa Cruz',
  'Santa Ana',
  'San Martín',
  'San Lucas',
  'Santiago',
  'San Felipe',
  'Santo Tomás',
  'San Pablo',
  'San Nicolás',
  'Santa Catarina',
  'San Antonio',
  'San Sebastián',
  'Santa Rosa',
];
const PLACES = [
  'de las Flores',
  'del Río',
  'de la Sierra',
  'del Valle',
  'de los Altos',
  'del Mar',
  'de la Loma',
  'del Monte',
  'de las Palmas',
  'del Oro',
  'de la Laguna',
  'de los Pinos',
  'del Llano',
  'de la Cañada',
  'Tlaltenango',
  'Xochitepec',
  'Atlixco',
  'Tepeji',
  'Cuautla',
  'Zumpango',
  'Ixtapan',
  'Tenango',
  'Acatlán',
  'Jalpan',
];

/** The name of city number `index`, and the index of its country (most made-up towns are in México). */
export function cityName(index: number, countryCount: number, random: Random): { name: string; country: number } {
  if (index < MEXICAN_CITIES.length) return { name: MEXICAN_CITIES[index] ?? 'Ciudad', country: 0 };
  const other = OTHER_CITIES[index - MEXICAN_CITIES.length];
  if (other && other[1] < countryCount) return { name: other[0], country: other[1] };
  const name = `${random.pick(SAINTS)} ${random.pick(PLACES)}`;
  return { name, country: random.chance(0.7) ? 0 : random.int(countryCount) };
}

const UNIVERSITY_KINDS = [
  'Universidad Autónoma',
  'Universidad Nacional',
  'Universidad Tecnológica',
  'Universidad Pedagógica',
  'Universidad Politécnica',
  'Universidad Intercultural',
  'Universidad Popular',
  'Universidad Iberoamericana',
  'Universidad Metropolitana',
  'Universidad del Valle',
  'Universidad La Salle',
  'Universidad Anáhuac',
  'Instituto Tecnológico',
  'Instituto Tecnológico Superior',
  'Colegio Universitario',
  'Escuela Normal Superior',
];

export function universityName(random: Random, city: string): string {
  return `${random.pick(UNIVERSITY_KINDS)} de ${city}`;
}

const FACULTIES = [
  'Facultad de Derecho',
  'Facultad de Ciencias Políticas y Sociales',
  'Facultad de Economía',
  'Facultad de Ingeniería',
  'Facultad de Medicina',
  'Facultad de Contaduría y Administración',
  'Facultad de Filosofía y Letras',
  'Facultad de Psicología',
  'Facultad de Arquitectura',
  'Facultad de Estudios Superiores',
  'Escuela de Gobierno y Transformación Pública',
  'Campus Norte',
  'Campus Sur',
  'Unidad Académica de Ciencias Sociales',
  'Instituto de Investigaciones Jurídicas',
];

export function facultyName(random: Random, university: string): string {
  return `${random.pick(FACULTIES)} de la ${university}`;
}

const SURNAMES = [
  'García',
  'Hernández',
  'Martínez',
  'López',
  'González',
  'Pérez',
  'Rodríguez',
  'Sánchez',
  'Ramírez',
  'Cruz',
  'Flores',
  'Gómez',
  'Morales',
  'Vázquez',
  'Reyes',
  'Jiménez',
  'Torres',
  'Díaz',
  'Gutiérrez',
  'Ruiz',
  'Mendoza',
  'Aguilar',
  'Ortiz',
  'Moreno',
  'Castillo',
  'Romero',
  'Álvarez',
  'Méndez',
  'Chávez',
  'Rivera',
];
const CAUSES = [
  'la Democracia',
  'la Participación Ciudadana',
  'la Transparencia',
  'la Igualdad de Género',
  'la Niñez',
  'los Derechos Humanos',
  'la Educación Cívica',
  'el Desarrollo Sostenible',
  'la Cultura de la Legalidad',
  'la Inclusión',
  'las Juventudes',
  'los Pueblos Originarios',
  'la Rendición de Cuentas',
];
const ORGANIZATION_PATTERNS: readonly ((random: Random, city: string) => string)[] = [
  (_, city) => `Instituto Electoral de ${city}`,
  (_, city) => `Tribunal Electoral de ${city}`,
  (r, city) =>
    `Secretaría de ${r.pick(['Gobierno', 'Educación', 'Cultura', 'Inclusión y Bienestar', 'las Mujeres'])} de ${city}`,
  (_, city) => `Fiscalía General de Justicia de ${city}`,
  (_, city) => `Comisión de Derechos Humanos de ${city}`,
  (_, city) => `Cámara Nacional de Comercio de ${city}`,
  (_, city) => `Colegio de Notarios de ${city}`,
  (_, city) => `Consejo Ciudadano de ${city}`,
  (r) => `Fundación ${r.pick(SURNAMES)} ${r.pick(SURNAMES)}`,
  (r) => `Asociación Civil por ${r.pick(CAUSES)}`,
  (r, city) => `Observatorio de ${r.pick(CAUSES)} de ${city}`,
  (r) => `Centro de Estudios sobre ${r.pick(CAUSES)}`,
  (r, city) => `${r.pick(['Congreso', 'Ayuntamiento', 'Alcaldía', 'Defensoría Pública'])} de ${city}`,
  (r) => `${r.pick(['Organización', 'Iniciativa', 'Alianza'])} Internacional para ${r.pick(CAUSES)}`,
];

export function organizationName(random: Random, city: string): string {
  return random.pick(ORGANIZATION_PATTERNS)(random, city);
}

const COMMISSIONS = [
  'Comisión de Vinculación con Organismos Externos',
  'Comisión de Educación Cívica',
  'Comisión de Participación Ciudadana',
  'Comisión de Igualdad de Género y Derechos Humanos',
  'Comisión de Organización Electoral',
  'Comisión de Transparencia',
  'Comité de Archivos',
  'Unidad de Vinculación Internacional',
];

export function commissionName(random: Random, organization: string): string {
  return `${random.pick(COMMISSIONS)} del ${organization}`;
}

const UNITS = [
  'Dirección de Vinculación con Organismos Externos',
  'Dirección Ejecutiva de Organización Electoral',
  'Unidad de Transparencia',
  'Coordinación de Comunicación Social',
  'Consejo General',
  'Secretaría Ejecutiva',
];

export function unitName(random: Random, organization: string): string {
  return `${random.pick(UNITS)} del ${organization}`;
}

const GIVEN_NAMES = ['Cecilia', 'Sonia', 'Erika', 'Ernesto', 'Mauricio', 'Patricia', 'Bernardo', 'Carolina', 'César'];

export function personName(random: Random): string {
  return `${random.pick(GIVEN_NAMES)} ${random.pick(SURNAMES)} ${random.pick(SURNAMES)}`;
}

export function groupName(random: Random, city: string): string {
  return `${random.pick([
    'Red de Observadores Electorales',
    'Jóvenes por la Democracia',
    'Colectivo Ciudadano',
    'Red de Mujeres Líderes',
    'Brigada de Voluntariado',
    'Comité Vecinal',
  ])} de ${city}`;
}

export const AGREEMENT_TYPES = [
  'CONVENIO_GENERAL',
  'CONVENIO_ESPECIFICO',
  'CONVENIO_APOYO_COLABORACION',
  'CARTA_INTENCION',
  'ACUERDO',
];
const AGREEMENT_TITLES: Record<string, string> = {
  CONVENIO_GENERAL: 'Convenio General de Colaboración',
  CONVENIO_ESPECIFICO: 'Convenio Específico de Colaboración',
  CONVENIO_APOYO_COLABORACION: 'Convenio de Apoyo y Colaboración',
  CARTA_INTENCION: 'Carta de Intención',
  ACUERDO: 'Acuerdo de Coordinación',
};

export function agreementName(type: string, parties: readonly string[]): string {
  const listed = parties.length > 1 ? `${parties.slice(0, -1).join(', ')} y ${parties.at(-1)}` : parties.join('');
  return `${AGREEMENT_TITLES[type] ?? 'Convenio'} entre ${listed}`.slice(0, 290);
}

export const EVENT_TYPES = ['FORO', 'SEMINARIO', 'CONGRESO', 'FERIA', 'TALLER', 'JORNADA', 'GIRA', 'MISION'];
const EVENT_TITLES: Record<string, string> = {
  FORO: 'Foro',
  SEMINARIO: 'Seminario Internacional',
  CONGRESO: 'Congreso',
  FERIA: 'Feria',
  TALLER: 'Taller',
  JORNADA: 'Jornada',
  GIRA: 'Gira de Promoción del Voto',
  MISION: 'Misión de Observación Electoral',
};

export function eventName(random: Random, type: string, city: string, year: number): string {
  return `${EVENT_TITLES[type] ?? 'Evento'} sobre ${random.pick(CAUSES)} en ${city} ${year}`;
}

export function reportName(random: Random, author: string, year: number): string {
  return `Informe ${random.pick(['Anual', 'Final', 'Trimestral', 'de Actividades'])} de la ${author} ${year}`.slice(
    0,
    290,
  );
}

const VERBS = ['suscribió', 'firmó', 'renovó', 'presentó', 'impulsó', 'organizó', 'acompañó', 'promovió'];
const OBJECTS = [
  'un convenio de colaboración',
  'una jornada de educación cívica',
  'un foro de participación ciudadana',
  'un programa de observación electoral',
  'una carta de intención',
  'un seminario sobre democracia',
  'una feria de servicios',
  'acciones de vinculación institucional',
];

/** A sentence of a made-up news note or report: the facts cite these. */
export function statementText(random: Random, subject: string, place: string, year: number): string {
  return `En ${year}, ${subject} ${random.pick(VERBS)} ${random.pick(OBJECTS)} en ${place} para fortalecer ${random.pick(CAUSES)}.`;
}

/** A lower-case slug: accents folded, anything else between words turned into single hyphens. */
export function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

const SMALL_WORDS = new Set(['de', 'del', 'la', 'las', 'los', 'el', 'y', 'e', 'para', 'por', 'sobre', 'en']);

/** The initials of the name's significant words, e.g. "Universidad Autónoma de Puebla" gives "UAP". */
export function acronym(name: string): string {
  return name
    .split(/\s+/)
    .filter((word) => word && !SMALL_WORDS.has(word.toLowerCase()))
    .map((word) => word.normalize('NFD').charAt(0).toUpperCase())
    .join('');
}
