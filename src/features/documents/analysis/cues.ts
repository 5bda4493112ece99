/** The cue words relations are read from, as predicates on folded tokens. */
import type { Token } from './tokens';

const AGREEMENT_WORD =
  /^(convenios?|acuerdos?|alianzas?|colaboracion|contratos?|memorandum|firm(a|o|e|ar|aron|ado|ada|ados|adas|amos|ara|aran)|suscri(be|ben|bio|bir|bieron|to|ta|tos|tas|bira|biran)|sign(o|a|ar|aron|ado|ada|ados|adas|ara|aran))$/;
const CLAUSE_END = new Set([';', ':', '.']);
/** How far "con" may follow an agreement word: "Convenio de Apoyo y Colaboración con…". */
const AGREEMENT_REACH = 10;

export interface AgreementConnective {
  /** The agreement word ("convenios", "firmado", "colaboración"). */
  trigger: number;
  /** The "con" that introduces the other party. */
  index: number;
}

/** Each "con" that an agreement word governs: "signaron convenios con…", "en colaboración con…". */
export function agreementConnectives(tokens: readonly Token[]): AgreementConnective[] {
  const found: AgreementConnective[] = [];
  let trigger: number | undefined;
  tokens.forEach((token, index) => {
    if (CLAUSE_END.has(token.text)) trigger = undefined;
    else if (AGREEMENT_WORD.test(token.norm)) trigger = index;
    else if (token.norm === 'con' && trigger !== undefined && index - trigger <= AGREEMENT_REACH)
      found.push({ trigger, index });
  });
  return found;
}

/** Words that open a new clause: after them a list of parties does not go on. */
export const CLAUSE_OPENERS = new Set([
  'que',
  'mientras',
  'donde',
  'cuando',
  'aunque',
  'pero',
  'sino',
  'cual',
  'cuales',
  'quien',
  'quienes',
  'cuyo',
  'cuya',
]);

export const FACILITATION_VERB = /^acompan(o|a|an|aron|ara|ar|ado|ada)$/;
export const FACILITATION_NOUNS = new Set([
  'vinculacion',
  'negociacion',
  'negociaciones',
  'gestion',
  'gestiones',
  'tramites',
]);
export const INSTALL_WORD = /^instal(o|a|an|aron|ara|aran|ar|ada|ado|acion)$/;
export const CREATE_VERB = /^(creo|crea|crean|crearon|creara|crear)$/;
export const APPROVE_VERB = /^aprob(o|aron|ara|aran|ar|ada|ado)$/;
export const OVERSIGHT_VERB = /^(dar|dara|daran|da|dan|dio|dieron)$/;
export const SUPERVISE_VERB = /^(supervis|vigil)(a|an|ara|aran|ar|o|aron)$/;
export const ORGANIZE_VERB = /^(organiz|realiz|celebr)(o|a|an|aron|ara|aran|ar)$/;
export const CHAIR_WORDS = new Set(['presidenta', 'presidente']);
export const CHAIR_VERB = /^(presid)(e|en|io|ira|iran|ida|ido)$/;
export const MEMBERSHIP_WORD = /^(integrad|conformad|compuest)(a|o|as|os)$/;
export const PARTICIPATION_WORD = /^(participacion|particip(o|aron|an|a|ara|aran))$/;
