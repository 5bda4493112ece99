/**
 * The Spanish words the analysis keys on, folded (no accents, lower case) as tokens are. Each list is the
 * one place its words are declared.
 */
import { NodeKind } from '../../../model/graph-model';

const words = (list: string): ReadonlySet<string> => new Set(list.trim().split(/\s+/));

export const ARTICLES = words('el la los las lo un una unos unas');
/** Words that may join the capitalised words of an institution's name: "Instituto para el Desarrollo…". */
export const NAME_CONNECTORS = words('de del para con en y e a');
/** Connectors after which the name may continue with an article ("de la", "para el"). */
export const CONNECTORS_BEFORE_ARTICLE = words('de para');
export const GENITIVES = words('de del');
/** Words before a bare head that make it a reference back ("la Comisión", "del Instituto"). */
export const ANAPHOR_DETERMINERS = words('la el del al esta este dicha dicho nuestra nuestro');

/**
 * First words of institution names and the kind they give. Plural heads name a set of bodies (GROUP).
 * "Instituto Tecnológico…" and "Dirección General…" are refined in `kindOfInstitution`.
 */
const HEAD_KINDS: Record<string, NodeKind> = {
  instituto: NodeKind.ORGANIZATION,
  universidad: NodeKind.UNIVERSITY,
  tecnologico: NodeKind.UNIVERSITY,
  politecnico: NodeKind.UNIVERSITY,
  facultad: NodeKind.FACULTY,
  escuela: NodeKind.FACULTY,
  comision: NodeKind.COMMISSION,
  comite: NodeKind.COMMISSION,
  direccion: NodeKind.UNIT,
  consejo: NodeKind.UNIT,
  unidad: NodeKind.UNIT,
  coordinacion: NodeKind.UNIT,
  oficina: NodeKind.UNIT,
  junta: NodeKind.UNIT,
  red: NodeKind.GROUP,
  informe: NodeKind.REPORT,
  secretaria: NodeKind.ORGANIZATION,
  fiscalia: NodeKind.ORGANIZATION,
  procuraduria: NodeKind.ORGANIZATION,
  tribunal: NodeKind.ORGANIZATION,
  alcaldia: NodeKind.ORGANIZATION,
  colegio: NodeKind.ORGANIZATION,
  camara: NodeKind.ORGANIZATION,
  organizacion: NodeKind.ORGANIZATION,
  organismo: NodeKind.ORGANIZATION,
  fideicomiso: NodeKind.ORGANIZATION,
  gobierno: NodeKind.ORGANIZATION,
  congreso: NodeKind.ORGANIZATION,
  senado: NodeKind.ORGANIZATION,
  asamblea: NodeKind.ORGANIZATION,
  agencia: NodeKind.ORGANIZATION,
  asociacion: NodeKind.ORGANIZATION,
  fundacion: NodeKind.ORGANIZATION,
  federacion: NodeKind.ORGANIZATION,
  confederacion: NodeKind.ORGANIZATION,
  sindicato: NodeKind.ORGANIZATION,
  partido: NodeKind.ORGANIZATION,
  embajada: NodeKind.ORGANIZATION,
  consulado: NodeKind.ORGANIZATION,
  ministerio: NodeKind.ORGANIZATION,
  defensoria: NodeKind.ORGANIZATION,
  auditoria: NodeKind.ORGANIZATION,
  centro: NodeKind.ORGANIZATION,
  academia: NodeKind.ORGANIZATION,
  observatorio: NodeKind.ORGANIZATION,
  banco: NodeKind.ORGANIZATION,
  suprema: NodeKind.ORGANIZATION,
  ayuntamiento: NodeKind.ORGANIZATION,
  municipio: NodeKind.ORGANIZATION,
  poder: NodeKind.ORGANIZATION,
  sistema: NodeKind.ORGANIZATION,
  sala: NodeKind.UNIT,
  mesa: NodeKind.UNIT,
};

const PLURAL_HEADS: Record<string, string> = {
  institutos: 'instituto',
  universidades: 'universidad',
  facultades: 'facultad',
  comisiones: 'comision',
  alcaldias: 'alcaldia',
  organismos: 'organismo',
  organizaciones: 'organizacion',
  secretarias: 'secretaria',
  tribunales: 'tribunal',
  fiscalias: 'fiscalia',
  colegios: 'colegio',
  camaras: 'camara',
  partidos: 'partido',
  embajadas: 'embajada',
  direcciones: 'direccion',
  escuelas: 'escuela',
};

// A Set, not `in`: this runs for most tokens of a document, and `in` also walks the objects' prototype.
const INSTITUTION_HEADS: ReadonlySet<string> = new Set([...Object.keys(HEAD_KINDS), ...Object.keys(PLURAL_HEADS)]);
export const isInstitutionHead = (norm: string): boolean => INSTITUTION_HEADS.has(norm);

/**
 * Heads that start a new institution after "de"/"del": "Consejo General | del Instituto", "Informe Final |
 * de la Comisión…", "Facultad de Derecho | de la Universidad…". Not "Gobierno" ("Secretaría de Gobierno").
 */
export const OWNER_HEADS = words(
  'instituto universidad comision consejo tribunal congreso senado organizacion secretaria fiscalia camara',
);

/** Bare heads that refer back to a body named earlier in the document: "la Comisión", "el Instituto". */
export const ANAPHOR_HEADS = words(
  'comision instituto consejo tribunal universidad facultad secretaria fiscalia direccion organizacion red colegio camara fideicomiso unidad coordinacion junta comite',
);

export function kindOfInstitution(headNorm: string, secondNorm: string | undefined, attached: boolean): NodeKind {
  if (headNorm in PLURAL_HEADS) return NodeKind.GROUP;
  if (headNorm === 'instituto' && (secondNorm === 'tecnologico' || secondNorm === 'politecnico'))
    return NodeKind.UNIVERSITY;
  // "Dirección General del Registro Civil" is an agency of its own; "Dirección … del IECM" is a unit of the IECM.
  if (headNorm === 'direccion' && secondNorm === 'general' && !attached) return NodeKind.ORGANIZATION;
  return HEAD_KINDS[headNorm] ?? NodeKind.ORGANIZATION;
}

/** Titles before a person's name: "la consejera", "el secretario", "Lic.", "Dra.". */
export const PERSON_TITLES = words(`
  consejera consejero consejeras consejeros presidenta presidente presidentas presidentes secretario secretaria
  secretarios secretarias director directora directores directoras titular titulares magistrada magistrado
  magistradas magistrados diputada diputado diputadas diputados senadora senador senadoras senadores rectora rector
  fiscal ministra ministro alcaldesa alcalde gobernadora gobernador comisionada comisionado coordinadora coordinador
  investigadora investigador doctora doctor maestra maestro licenciada licenciado ingeniera ingeniero jefa jefe
  embajadora embajador consul consula vocal vocales lic licda licdo dr dra mtro mtra ing arq prof profa sr sra srta
`);
/** Plural heads that name a list of bodies one by one: "las comisiones de A, de B y de C". */
export const LISTED_HEADS: Readonly<Record<string, string>> = {
  comisiones: 'Comisión',
  direcciones: 'Dirección',
  coordinaciones: 'Coordinación',
  unidades: 'Unidad',
  secretarias: 'Secretaría',
  facultades: 'Facultad',
  comites: 'Comité',
};
/** Words that introduce a list of people without titles: "integrada por", "firmado por". */
export const PEOPLE_LIST_OPENERS =
  /^(integrad|conformad|compuest|firmad|signad|suscrit|realizad|encabezad)(a|o|as|os)$/;
/** Roles a person is named with after a comma: "X, titular de…", "X, como su presidenta", "X, integrante". */
export const ROLE_WORDS = words(`
  presidenta presidente rector rectora titular director directora alcaldesa alcalde integrante integrantes vocal
  consejera consejero magistrada magistrado secretario secretaria coordinador coordinadora diputada diputado
  gobernador gobernadora fiscal comisionada comisionado senadora senador
`);
/** Title words that name the office rather than the person, kept inside the title: "secretario Ejecutivo". */
export const TITLE_QUALIFIERS = words(
  'ejecutivo ejecutiva general presidenta presidente electoral electorales municipal',
);
export const PERSON_PARTICLES = words('de del la las los y');

/** Abbreviations whose full stop never ends a sentence ("Lic.", "Dr.", "EE. UU."). */
export const ABBREVIATIONS = words(`
  lic licda licdo dr dra dres mtro mtra ing arq prof profa sr sra srta sres gral col av avda no num pag art arts
  fracc ej vol cap dir depto cd edo mex ud uds vd aprox tel ext cia sto sta ee uu pp lda ldo
`);
/** Abbreviations that end a sentence unless the next one starts in lower case. */
export const SOFT_ABBREVIATIONS = words('etc');

export const MONTHS = words(
  'enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre',
);
export const WEEKDAYS = words('lunes martes miercoles jueves viernes sabado domingo');
/** Periods rather than counts: "los últimos 12 meses" states a period, not twelve things. */
export const TIME_UNITS = words(`
  segundo segundos minuto minutos hora horas dia dias semana semanas mes meses bimestre bimestres trimestre
  trimestres semestre semestres ano anos lustro lustros decada decadas siglo siglos
`);
/** Nouns before a number that make it an identifier: "artículo 41", "fracción 3". */
export const IDENTIFIER_NOUNS = words(`
  articulo articulos fraccion fracciones numeral inciso pagina paginas capitulo numero no num seccion tomo volumen
  apartado expediente lote edicion version acuerdo folio clave cp codigo
`);
/** Words right after a number that mean the counted noun is left out: "45 con instancias…", "19 internacionales". */
export const ELLIPSIS_WORDS = words(`
  con de del en para por a y e o u que sin entre sobre hacia desde hasta mas menos
  nacionales internacionales locales federales estatales municipales gubernamentales electorales academicas
  academicos privadas privados publicas publicos civiles sociales extranjeras extranjeros estrategicas estrategicos
  nuevas nuevos distintas distintos diversas diversos
`);
/** Determiners that open a sentence whose subject noun an elided count refers to: "Estos convenios abarcan…". */
export const SUBJECT_DETERMINERS = words('estos estas los las dichos dichas sus tales');

/** Event nouns: the things organized, held somewhere or touring cities. */
export const EVENT_NOUNS = words(`
  evento eventos gira giras stand stands foro foros taller talleres conferencia conferencias feria ferias jornada
  jornadas mision misiones visita visitas reunion reuniones curso cursos seminario seminarios encuentro encuentros
  ceremonia ceremonias concurso concursos exposicion exposiciones capacitacion capacitaciones platica platicas
  recorrido recorridos congreso congresos mesa mesas
`);
export const TOUR_NOUNS = words('gira giras visita visitas recorrido recorridos mision misiones');
/** Plural nouns for the bodies of a place: "las 16 alcaldías de la Ciudad de México" (a group). */
export const LOCAL_BODY_NOUNS = words('alcaldias municipios delegaciones ayuntamientos demarcaciones');

/** Capitalised short words that are not acronyms of bodies. */
export const NON_ACRONYMS = words('AM PM TV OK DJ CV PDF URL USB GPS COVID');
