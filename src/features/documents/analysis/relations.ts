/**
 * Relations read from cue words between the references of one sentence. Each rule names its cue; a rule
 * that cannot find both ends proposes nothing. Rules look at most REACH tokens away, so that one very long
 * "sentence" (a text without full stops) still takes linear time.
 */
import { NodeKind, RelationType } from '../../../model/graph-model';
import { AGREEMENT_WITH, type ProposedRelationType } from './analysis.types';
import {
  agreementConnectives,
  APPROVE_VERB,
  CHAIR_VERB,
  CHAIR_WORDS,
  CLAUSE_OPENERS,
  CREATE_VERB,
  FACILITATION_NOUNS,
  FACILITATION_VERB,
  INSTALL_WORD,
  MEMBERSHIP_WORD,
  ORGANIZE_VERB,
  OVERSIGHT_VERB,
  PARTICIPATION_WORD,
  SUPERVISE_VERB,
} from './cues';
import { ARTICLES, PERSON_TITLES, TOUR_NOUNS } from './lexicon';
import { BODY_KINDS, kindOf, referentKey, sameReferent, type Ref, type Referent } from './references';
import { startsUpper, type Token } from './tokens';

export interface FoundRelation {
  type: ProposedRelationType;
  source: Referent;
  target: Referent;
  cue: string;
  confidence: number;
}

export interface RelationInput {
  text: string;
  tokens: readonly Token[];
  /** Sorted by position, not overlapping. */
  refs: readonly Ref[];
  /** The document's main organization: the first one it names. */
  principal: Referent | undefined;
  /** The document's first university ("el rector" without a body is its rector). */
  university?: Referent | undefined;
  /** Bodies the document has named as signing so far (this rule adds to it). */
  signers?: Referent[];
}

const REACH = 200;
/** The most parties read from one list: longer runs of names are not a list of signers. */
const MAX_PARTIES = 12;
/** How far a counted event may follow its verb: "organizó una de las Misiones…". */
const EVENT_REACH = 6;
/** How far a new commission may follow "instaló" or "aprobó la creación de". */
const COMMISSION_REACH = 8;

const kinds = (...list: NodeKind[]): ReadonlySet<NodeKind> => new Set(list);
const ORGANIZATIONS = kinds(NodeKind.ORGANIZATION, NodeKind.UNIVERSITY);
const PARTS = kinds(NodeKind.FACULTY, NodeKind.UNIT, NodeKind.COMMISSION, NodeKind.GROUP);
const WHOLES = kinds(NodeKind.ORGANIZATION, NodeKind.UNIVERSITY, NodeKind.COMMISSION, NodeKind.UNIT);
const COMMISSIONS = kinds(NodeKind.COMMISSION, NodeKind.UNIT, NodeKind.GROUP);
const NEW_BODIES = kinds(NodeKind.COMMISSION, NodeKind.UNIT);
const PLACES = kinds(NodeKind.CITY, NodeKind.COUNTRY);
const INDEFINITE_ARTICLES = new Set(['un', 'una', 'unos', 'unas']);
const GENITIVE_GAPS = new Set(['de', 'del', 'de la', 'de las', 'de los', 'de el']);
const COORDINATION = new Set(['y', 'e']);
/** "A y B firmaron un convenio": a plural verb of signing, the parties before it. */
const CO_SIGNING_VERB =
  /^(firm|sign)(aron|an|aran)$|^suscrib(ieron|en|iran)$|^renova(ron|ran)$|^renuevan$|^celebra(ron|n|ran)$/;
/** Verbs that sign only with an agreement as their object: "celebraron un convenio", not "celebraron una reunión". */
const OBJECT_NEEDED = /^(renov|renuev|celebr)/;
/** "fue firmado por", "fue realizada por" (the signing), "signado por". */
const SIGNED_BY = /^(firmad|signad|suscrit|realizad|celebrad)(o|a|os|as)$/;
const ORGANIZED_BY = /^(organizad|convocad|realizad)(o|a|os|as)$/;
const SIGNING_WORD = /^(firm|sign)(aron|an|o|a)$|^suscrib(ieron|io)$/;
const AGREEMENT_NOUN = /^(convenios?|acuerdos?|adendas?|contratos?|colaboracion|cooperacion|firma)$/;
/** "vínculos de colaboración": a bond, not an agreement. */
const BOND_NOUNS = /^(vinculos?|lazos?|relacion|relaciones|espiritu|animo|esfuerzos?)$/;
/** Offices whose holder heads the body. */
const HEAD_TITLE = /^(presidente|presidenta|rector|rectora|titular|director|directora|alcalde|alcaldesa)$/;
/** Offices whose holders sit on the body. */
const MEMBER_TITLE = /^(magistrad[oa]s?|integrantes?|vocal|vocales|consejer[oa]s?|diputad[oa]|senador|senadora)$/;
/** Words that may follow an office before its body: "presidenta municipal de", "consejero electoral del". */
const TITLE_TAILS = new Set(['municipal', 'general', 'ejecutivo', 'ejecutiva', 'electoral', 'electorales']);
/** Words between a person and the office after them: "X, quien es Directora", "X, como su presidenta". */
const ROLE_GLUE = new Set(['quien', 'es', 'fue', 'como', 'su', 'actual']);
const type_of = (title: string): 'head' | 'member' => (HEAD_TITLE.test(title) ? 'head' : 'member');
const unique = (refs: readonly Ref[]): Ref[] =>
  refs.filter((ref, k) => refs.findIndex((other) => sameReferent(other.referent, ref.referent)) === k);

const is = (set: ReadonlySet<NodeKind>) => (ref: Ref) => set.has(kindOf(ref.referent));
const isPerson = is(kinds(NodeKind.PERSON));
const isCity = is(kinds(NodeKind.CITY));
const isEvent = (ref: Ref): boolean => ref.referent.event !== undefined;

export function findRelations(input: RelationInput): FoundRelation[] {
  return new SentenceRelations(input).find();
}

class SentenceRelations {
  private readonly found = new Map<string, FoundRelation>();
  /** References that only qualify the one before them ("… de la UNAM", "… a través de la Facultad…"). */
  private readonly attached = new Set<Ref>();
  private readonly refAt = new Map<number, Ref>();
  private readonly refEndingAt = new Map<number, Ref>();
  private readonly position = new Map<Ref, number>();
  /** A part and the whole it is part of in this sentence ("Consejo General | del Instituto X"). */
  private readonly wholeOf = new Map<Ref, Ref>();
  /** For each token, the next clause opener or colon after it (or the end). */
  private readonly clauseBreakAfter: number[] = [];

  constructor(private readonly input: RelationInput) {
    input.refs.forEach((ref, k) => {
      this.refAt.set(ref.first, ref);
      this.refEndingAt.set(ref.last, ref);
      this.position.set(ref, k);
    });
    let next = input.tokens.length;
    for (let i = input.tokens.length - 1; i >= 0; i--) {
      this.clauseBreakAfter[i] = next;
      const token = input.tokens[i];
      if (token && (CLAUSE_OPENERS.has(token.norm) || token.text === ':')) next = i;
    }
  }

  find(): FoundRelation[] {
    this.partOf();
    const agreementParties = this.agreements();
    this.facilitation(agreementParties);
    this.chairs();
    this.roles();
    this.members();
    this.installedOrCreated();
    this.oversight();
    this.events();
    return [...this.found.values()];
  }

  // ---- helpers ----

  private get tokens(): readonly Token[] {
    return this.input.tokens;
  }

  private norm(index: number): string {
    return this.tokens[index]?.norm ?? '';
  }

  private add(type: ProposedRelationType, source: Referent, target: Referent, cue: number[], confidence: number): void {
    if (sameReferent(source, target)) return;
    const key = `${type}|${referentKey(source)}|${referentKey(target)}`;
    const previous = this.found.get(key);
    if (previous && previous.confidence >= confidence) return;
    this.found.set(key, { type, source, target, cue: this.cue(cue), confidence });
  }

  /** The cue words as written, "…" where words in between are left out. */
  private cue(indices: number[]): string {
    const sorted = [...new Set(indices)].sort((a, b) => a - b);
    const groups: string[] = [];
    let groupStart: number | undefined;
    sorted.forEach((index, k) => {
      groupStart ??= index;
      if (sorted[k + 1] === index + 1) return;
      const first = this.tokens[groupStart];
      const last = this.tokens[index];
      if (first && last) groups.push(this.input.text.slice(first.start, last.end));
      groupStart = undefined;
    });
    return groups.join(' … ');
  }

  private span(ref: Pick<Ref, 'first' | 'last'>): number[] {
    return Array.from({ length: ref.last - ref.first + 1 }, (_, k) => ref.first + k);
  }

  private skipArticle(index: number): number {
    return ARTICLES.has(this.norm(index)) ? index + 1 : index;
  }

  private refStartingAt(index: number): Ref | undefined {
    return this.refAt.get(index);
  }

  /** Position in `refs` of the first reference starting after `index`. */
  private firstRefAfter(index: number): number {
    const refs = this.input.refs;
    let [low, high] = [0, refs.length];
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((refs[mid]?.first ?? Infinity) > index) high = mid;
      else low = mid + 1;
    }
    return low;
  }

  /** The nearest reference ending before `index`, within reach, that `accept` takes. */
  private refBefore(index: number, accept: (ref: Ref) => boolean): Ref | undefined {
    for (let k = this.firstRefAfter(index - 1) - 1; k >= 0; k--) {
      const ref = this.input.refs[k];
      if (!ref || ref.last < index - REACH) return undefined;
      if (ref.last < index && accept(ref)) return ref;
    }
    return undefined;
  }

  /** References starting after `index` and up to `until` (within reach) that `accept` takes. */
  private refsAfter(index: number, accept: (ref: Ref) => boolean, until = index + REACH): Ref[] {
    const found: Ref[] = [];
    const end = Math.min(until, index + REACH);
    for (let k = this.firstRefAfter(index); k < this.input.refs.length; k++) {
      const ref = this.input.refs[k];
      if (!ref || ref.first > end) break;
      if (accept(ref)) found.push(ref);
    }
    return found;
  }

  private indexWhere(test: (token: Token, index: number) => boolean, from = 0, to = this.tokens.length): number[] {
    const found: number[] = [];
    for (let i = Math.max(0, from); i < Math.min(to, this.tokens.length); i++) {
      const token = this.tokens[i];
      if (token && test(token, i)) found.push(i);
    }
    return found;
  }

  /** The first clause opener or colon after `index`, or the end of the sentence. */
  private clauseEnd(index: number): number {
    return this.clauseBreakAfter[index] ?? this.tokens.length;
  }

  /** The "con" (and article) right before a reference, if any. */
  private conBefore(ref: Ref): number | undefined {
    const before = ref.first - 1;
    if (this.norm(before) === 'con') return before;
    return this.norm(before - 1) === 'con' && ARTICLES.has(this.norm(before)) ? before - 1 : undefined;
  }

  /** The nearest reference before `index` that `accept` takes, with those joined to it by "y" or commas. */
  private coordinatedBefore(index: number, accept: (ref: Ref) => boolean): Ref[] {
    const nearest = this.refBefore(index, accept);
    if (!nearest) return [];
    const joined = [nearest];
    for (let k = (this.position.get(nearest) ?? 0) - 1; k >= 0; k--) {
      const ref = this.input.refs[k];
      const next = joined[0];
      if (!ref || !next || !accept(ref)) break;
      const gap = this.tokens.slice(ref.last + 1, next.first);
      const joins = (t: Token): boolean =>
        COORDINATION.has(t.norm) || ARTICLES.has(t.norm) || /^[,()]$/.test(t.text) || /^\p{Lu}{2,}$/u.test(t.text);
      if (!gap.every(joins) || !gap.some((t) => COORDINATION.has(t.norm) || t.text === ',')) break;
      joined.unshift(ref);
    }
    return joined;
  }

  private unattached = (accept: (ref: Ref) => boolean) => (ref: Ref) => accept(ref) && !this.attached.has(ref);

  // ---- rules ----

  /** "Facultad … de la UNAM", "Dirección … del IECM", "la UNAM a través de la Facultad…", "Informe … de la Comisión". */
  private partOf(): void {
    const refs = this.input.refs;
    for (let k = 1; k < refs.length; k++) {
      const [part, whole] = [refs[k - 1], refs[k]];
      if (!part || !whole) continue;
      // "… de la Ciudad de México (IECM)": an acronym in parentheses only repeats the name before it.
      if (
        this.tokens[whole.first - 1]?.text === '(' &&
        this.tokens[whole.last + 1]?.text === ')' &&
        part.last === whole.first - 2
      )
        this.attached.add(whole);
      const gap = this.tokens.slice(part.last + 1, whole.first).map((token) => token.norm);
      if (!GENITIVE_GAPS.has(gap.join(' '))) continue;
      this.attached.add(whole);
      const cue = this.span({ first: part.last + 1, last: whole.last });
      const partKind = kindOf(part.referent);
      if (partKind === NodeKind.REPORT && BODY_KINDS.has(kindOf(whole.referent)))
        this.add(RelationType.AUTHORED_BY, part.referent, whole.referent, cue, 0.7);
      else if (PARTS.has(partKind) && WHOLES.has(kindOf(whole.referent))) {
        this.partOfFound(part, whole, cue, 0.75);
        this.wholeOf.set(part, whole);
      }
    }
    // "las Direcciones Distritales del organismo": a part of the institute the text is about.
    const principal = this.input.principal;
    for (const part of refs.filter(is(PARTS))) {
      const de = part.last + 1;
      if (
        principal &&
        this.norm(de) === 'del' &&
        /^(organismo|instituto)$/.test(this.norm(de + 1)) &&
        !startsUpper(this.tokens[de + 1])
      )
        this.add(RelationType.PART_OF, part.referent, principal, [de, de + 1], 0.6);
    }
    const through = (t: Token, i: number): boolean =>
      t.norm === 'a' && this.norm(i + 1) === 'traves' && this.norm(i + 2) === 'de';
    for (const at of this.indexWhere(through)) {
      const part = this.refStartingAt(/^(su|sus)$/.test(this.norm(at + 3)) ? at + 4 : this.skipArticle(at + 3));
      const whole = this.refBefore(at, is(ORGANIZATIONS));
      if (!part || !whole || !BODY_KINDS.has(kindOf(part.referent))) continue;
      this.attached.add(part);
      this.partOfFound(part, whole, this.span({ first: at, last: part.last }), 0.7);
    }
  }

  private partOfFound(part: Ref, whole: Ref, cue: number[], confidence: number): void {
    this.add(RelationType.PART_OF, part.referent, whole.referent, cue, confidence);
    // A body with a faculty is a university ("la UNAM a través de la Facultad de Estudios Superiores Aragón").
    const candidate = whole.referent.candidate;
    if (kindOf(part.referent) === NodeKind.FACULTY && candidate?.kind === NodeKind.ORGANIZATION)
      candidate.kind = NodeKind.UNIVERSITY;
  }

  /**
   * "se signaron convenios con A, B y C", "firmado con X", "En colaboración con X, el IECM…": the parties
   * listed after "con", each with the organizations acting in the sentence (else the document's);
   * "A y B firmaron un convenio": the two with each other.
   */
  private agreements(): Referent[] {
    const connectives = agreementConnectives(this.tokens).filter((c) => !this.merelyCollaborative(c.trigger));
    const [firstConnective] = connectives;
    // "A y B firmaron un acuerdo con C": A and B each with C (below), not with each other.
    const withOthers = connectives
      .filter((c) => this.refStartingAt(this.skipArticle(c.index + 1)) !== undefined)
      .map((c) => c.index);
    const coSigners = this.coSigning(withOthers);
    this.between();
    this.signedBy();
    this.signingSides();
    if (!firstConnective) return coSigners;
    const triggerAt = firstConnective.trigger;
    // The body that acts for an institution signs as the institution: "el Consejo General del Instituto X autorizó…".
    const subjects = this.coordinatedBefore(triggerAt, (ref) => is(ORGANIZATIONS)(ref) || this.wholeOf.has(ref)).map(
      (ref) => this.wholeOf.get(ref) ?? ref,
    );
    const principal = this.input.principal;
    const actors =
      subjects.length > 0
        ? subjects.map((ref) => ref.referent)
        : coSigners.length > 0
          ? coSigners
          : principal
            ? [principal]
            : [];
    const named = (referent: Referent): boolean => this.input.refs.some((ref) => sameReferent(ref.referent, referent));
    const confidence = subjects.length > 0 || (principal && named(principal)) ? 0.8 : 0.65;
    const parties: Referent[] = [];
    const connectiveAt = new Map(connectives.map((c) => [c.index, c]));
    let governing = firstConnective;
    let listEnd = this.clauseEnd(firstConnective.index);
    for (const ref of this.refsAfter(firstConnective.index, () => true)) {
      const conBefore = this.conBefore(ref);
      if (ref.first > listEnd) {
        // After a new clause, only "con X" goes on with the parties ("…, mientras que con la UNAM…").
        if (conBefore === undefined) continue;
        listEnd = this.clauseEnd(conBefore);
      }
      if (conBefore !== undefined) governing = connectiveAt.get(conBefore) ?? governing;
      if (this.attached.has(ref) || !BODY_KINDS.has(kindOf(ref.referent))) continue;
      if (actors.some((actor) => sameReferent(actor, ref.referent))) continue;
      parties.push(ref.referent);
      const cue = [governing.trigger, conBefore ?? governing.index];
      for (const actor of actors) this.add(AGREEMENT_WITH, actor, ref.referent, cue, confidence);
    }
    return parties;
  }

  /** "vínculos de colaboración con X", "lazos de cooperación": a relationship, not an agreement. */
  private merelyCollaborative(trigger: number): boolean {
    return (
      /^(colaboracion|cooperacion)$/.test(this.norm(trigger)) &&
      this.norm(trigger - 1) === 'de' &&
      BOND_NOUNS.test(this.norm(trigger - 2))
    );
  }

  /** Where the clause around `index` starts: after the last ";", ":" or dash before it. */
  private clauseStart(index: number): number {
    const from = Math.max(0, index - REACH);
    for (let i = index - 1; i >= from; i--) if (/^[;:\-–—]$/.test(this.tokens[i]?.text ?? '')) return i + 1;
    return from;
  }

  /** Everyone pairwise: agreements between bodies, and between the people who sign for them. */
  private pairwise(refs: readonly Ref[], cue: number[], confidence: number): void {
    if (refs.length > MAX_PARTIES) return; // not a list of parties: a run of names
    const bodies = unique(refs.filter(is(BODY_KINDS)));
    const people = unique(refs.filter(isPerson));
    for (const group of [bodies, people])
      group.forEach((a, k) => {
        for (const b of group.slice(k + 1)) this.add(AGREEMENT_WITH, a.referent, b.referent, cue, confidence);
      });
    for (const body of bodies) this.input.signers?.push(body.referent);
  }

  /**
   * "A y B firmaron un convenio", "A, B y C firmaron…", "El rector de A, X, y la rectora de B, Y, renovaron…":
   * the bodies with each other and the people with each other. With the verb first ("Firman convenio A y B",
   * "Firmaron el convenio, por A, el rector X y por B, la alcaldesa Y") the parties follow it.
   */
  private coSigning(withOthers: readonly number[]): Referent[] {
    const signers: Referent[] = [];
    const verbs = this.indexWhere(
      (t, i) =>
        CO_SIGNING_VERB.test(t.norm) &&
        this.norm(i - 1) !== 'se' &&
        (!OBJECT_NEEDED.test(t.norm) || this.indexWhere((o) => AGREEMENT_NOUN.test(o.norm), i + 1, i + 5).length > 0),
    );
    for (const at of verbs.filter((verb) => !withOthers.some((con) => con > verb && con - verb <= 8))) {
      const start = this.clauseStart(at);
      const before = this.refsIn(start, at, (ref) => ref.last < at && !this.attached.has(ref) && this.canSign(ref));
      const parties =
        before.length > 0
          ? before
          : this.refsIn(
              at + 1,
              this.listEnd(at),
              (ref) => !this.attached.has(ref) && this.canSign(ref) && this.conBefore(ref) === undefined,
            );
      this.pairwise(parties, [at], 0.75);
      signers.push(...parties.filter(is(BODY_KINDS)).map((ref) => ref.referent));
    }
    return signers;
  }

  /** A body or person that may sign: not one only named as the place ("en la sala de juntas de…"). */
  private canSign(ref: Ref): boolean {
    if (!is(BODY_KINDS)(ref) && !isPerson(ref)) return false;
    const before = this.norm(ARTICLES.has(this.norm(ref.first - 1)) ? ref.first - 2 : ref.first - 1);
    return !['en', 'para', 'sobre', 'ante', 'desde', 'hacia', 'a'].includes(before);
  }

  /** The end of the clause a list of parties after `index` may run to (a full stop, ";" or a new clause). */
  private listEnd(index: number): number {
    const end = Math.min(this.tokens.length, index + REACH);
    for (let i = index + 1; i < end; i++) {
      const token = this.tokens[i];
      // Full stops inside a sentence close abbreviations ("Dr."), not the list.
      if (token && (token.text === ';' || CLAUSE_OPENERS.has(token.norm))) return i;
    }
    return end;
  }

  /** References starting in [from, to) (within reach) that `accept` takes. */
  private refsIn(from: number, to: number, accept: (ref: Ref) => boolean): Ref[] {
    return this.refsAfter(from - 1, accept, to - 1);
  }

  /** "un convenio (de colaboración) entre A y B", "mecanismos de colaboración entre A y B". */
  private between(): void {
    for (const at of this.indexWhere((t) => t.norm === 'entre')) {
      const [trigger] = this.indexWhere((t) => AGREEMENT_NOUN.test(t.norm), Math.max(0, at - 6), at);
      if (trigger === undefined || this.merelyCollaborative(trigger)) continue;
      const parties = this.refsIn(at + 1, this.listEnd(at), (ref) => !this.attached.has(ref) && this.canSign(ref));
      if (parties.length >= 2) this.pairwise(parties, [trigger, at], 0.75);
    }
  }

  /**
   * "fue firmado por A y B", "La firma … fue realizada por el rector de A, X, y el presidente de B, Y":
   * who signed, pairwise; "también fue firmado por C" adds C to the parties the document named before.
   */
  private signedBy(): void {
    const signingNoun = this.indexWhere((t) => /^(firma|convenio|convenios|acuerdo|adenda)$/.test(t.norm));
    for (const at of this.indexWhere((t, i) => SIGNED_BY.test(t.norm) && this.norm(i + 1) === 'por')) {
      if (!/^(firmad|signad|suscrit)/.test(this.norm(at)) && !signingNoun.some((n) => n < at)) continue;
      const parties = this.refsIn(at + 1, this.listEnd(at), (ref) => !this.attached.has(ref) && this.canSign(ref));
      const earlier = this.tokens.slice(Math.max(0, at - 4), at).some((t) => t.norm === 'tambien')
        ? [...(this.input.signers ?? [])]
        : [];
      // "realizada por el rector de A, X, y la presidenta de B, Y": the people sign; A and B are their offices.
      const people = parties.filter(isPerson);
      this.pairwise(people.length > 0 ? people : parties, [at, at + 1], 0.75);
      if (people.length > 0) continue;
      for (const party of parties.filter(is(BODY_KINDS)))
        for (const other of earlier) this.add(AGREEMENT_WITH, party.referent, other, [at, at + 1], 0.6);
    }
  }

  /**
   * "lo signaron por parte de A, X, …, mientras que por B firmó Y": the people who sign for each side, pairwise.
   */
  private signingSides(): void {
    const [verb] = this.indexWhere((t) => SIGNING_WORD.test(t.norm));
    if (verb === undefined) return;
    const sides = this.input.refs.filter((ref) => isPerson(ref) && ref.first > verb && this.sideOf(ref) !== undefined);
    if (new Set(sides.map((ref) => this.sideOf(ref))).size >= 2) this.pairwise(sides, [verb], 0.7);
  }

  /** The body after "por (parte de)" shortly before a person: the side they sign for. */
  private sideOf(person: Ref): string | undefined {
    for (let k = person.first - 1; k >= Math.max(0, person.first - 10); k--) {
      if (this.norm(k) !== 'por') continue;
      const from = this.norm(k + 1) === 'parte' && GENITIVE_GAPS.has(this.norm(k + 2)) ? k + 3 : k + 1;
      const ref = this.refStartingAt(this.skipArticle(from));
      return ref && is(BODY_KINDS)(ref) ? referentKey(ref.referent) : undefined;
    }
    return undefined;
  }

  /** "la Comisión acompañó … la vinculación, negociación … de otros convenios con X": it helped, X signed. */
  private facilitation(agreementParties: Referent[]): void {
    for (const at of this.indexWhere((token) => FACILITATION_VERB.test(token.norm))) {
      const [what] = this.indexWhere((token) => FACILITATION_NOUNS.has(token.norm), at + 1, at + REACH);
      const helper = this.refBefore(at, is(BODY_KINDS));
      if (what === undefined || !helper) continue;
      for (const party of agreementParties) this.add(RelationType.FACILITATED, helper.referent, party, [at, what], 0.6);
    }
  }

  /**
   * "presidida por (la consejera) X", "la consejera presidenta de la Comisión, X", "X, presidenta de la
   * Comisión", "X presidirá la Comisión".
   */
  private chairs(): void {
    for (const at of this.indexWhere((t, i) => t.norm === 'por' && CHAIR_VERB.test(this.norm(i - 1)))) {
      const [person] = this.refsAfter(at, isPerson, at + 9);
      // "presidida por la consejera X", "presidida por la diputada del Partido Y, X".
      const between = person ? this.tokens.slice(at + 1, person.first) : [];
      const onlyTitles =
        person &&
        (between.every((t) => /^\p{Ll}/u.test(t.text)) ||
          (between.length <= 8 && between.at(-1)?.text === ',' && PERSON_TITLES.has(between[1]?.norm ?? '')));
      const commission = this.refBefore(at, is(COMMISSIONS));
      if (person && onlyTitles && commission)
        this.add(RelationType.CHAIRS, person.referent, commission.referent, [at - 1, at], 0.8);
    }
    for (const at of this.indexWhere((t) => CHAIR_WORDS.has(t.norm))) {
      if (this.norm(at + 1) !== 'de' && this.norm(at + 1) !== 'del') continue;
      const commission = this.refStartingAt(this.skipArticle(at + 2));
      if (!commission || !is(COMMISSIONS)(commission)) continue;
      const after =
        this.tokens[commission.last + 1]?.text === ',' ? this.refStartingAt(commission.last + 2) : undefined;
      const before = this.refBefore(at, isPerson);
      const beforeJoined =
        before &&
        at - before.last <= 3 &&
        this.tokens.slice(before.last + 1, at).every((t) => t.text === ',' || ARTICLES.has(t.norm));
      const person = after && isPerson(after) ? after : beforeJoined ? before : undefined;
      if (person)
        this.add(
          RelationType.CHAIRS,
          person.referent,
          commission.referent,
          [at, ...this.span({ first: at + 1, last: commission.last })],
          0.8,
        );
    }
    for (const person of this.input.refs.filter(isPerson)) {
      const verb = this.tokens[person.last + 1];
      if (!verb || !CHAIR_VERB.test(verb.norm) || verb.norm.startsWith('presidid')) continue;
      const commission = this.refStartingAt(this.skipArticle(person.last + 2));
      if (commission && is(COMMISSIONS)(commission))
        this.add(RelationType.CHAIRS, person.referent, commission.referent, [person.last + 1], 0.75);
    }
  }

  /**
   * A person named with an office: "el rector de A, X", "X, titular de A", "la presidenta municipal de P, X",
   * "por A, el rector X", "el magistrado de la Sala B, X", "X, como su presidenta; Y, integrante". Heads chair
   * the body (CHAIRS); magistrados, consejeros electorales and integrantes sit on it (MEMBER_OF).
   */
  private roles(): void {
    for (const at of this.indexWhere((t) => HEAD_TITLE.test(t.norm) || MEMBER_TITLE.test(t.norm))) {
      const title = this.norm(at);
      if (/^consejer/.test(title) && !/^electoral/.test(this.norm(at + 1))) continue; // "consejera presidenta"
      if (this.norm(at - 1) === 'vice' || /^secretari/.test(this.norm(at - 1))) continue;
      const type = HEAD_TITLE.test(title) ? RelationType.CHAIRS : RelationType.MEMBER_OF;
      let j = at + 1;
      // A mayor ("alcaldesa de P", "presidenta municipal de P") heads the municipality named by its place.
      let municipal = /^alcald/.test(title);
      while (TITLE_TAILS.has(this.norm(j))) municipal ||= this.norm(j++) === 'municipal';
      const accept = (ref: Ref): boolean => is(BODY_KINDS)(ref) || (municipal && is(PLACES)(ref));
      let body: Ref | undefined;
      let after = j;
      let implied: Referent | undefined;
      if (GENITIVE_GAPS.has(this.norm(j))) {
        const from = this.skipArticle(j + 1);
        const ref = this.refStartingAt(from);
        // "del organismo", "de la máxima casa de estudios": the document's institute or university.
        implied = ref ? undefined : this.impliedBody(from);
        if (!implied && (!ref || !accept(ref))) continue;
        body = ref;
        after = ref ? this.chainEnd(ref) + 1 : from + 1;
      }
      const person = this.personAfter(after, j - 1) ?? this.personBefore(at);
      if (!person) continue;
      const owner = body?.referent ?? implied ?? this.ownerWithout(at, person, title);
      if (owner) this.add(type, person.referent, owner, [at, ...(body ? this.span(body) : [])], 0.75);
    }
  }

  /** "organismo", "institución", "máxima casa de estudios" (lower case): the body the document is about. */
  private impliedBody(from: number): Referent | undefined {
    const word = this.tokens[from];
    if (!word || startsUpper(word)) return undefined;
    if (/^(organismo|instituto|institucion)$/.test(word.norm)) return this.input.principal;
    if (word.norm === 'maxima' && this.norm(from + 1) === 'casa') return this.input.university;
    return undefined;
  }

  /** The last token of a body and the bodies, acronyms and places hanging from it ("Consejo Local del INE (…)"). */
  private chainEnd(ref: Ref): number {
    let last = ref.last;
    for (;;) {
      if (this.tokens[last + 1]?.text === '(' && this.tokens[last + 3]?.text === ')') {
        last += 3;
        continue;
      }
      const next = GENITIVE_GAPS.has(this.norm(last + 1)) ? this.refStartingAt(this.skipArticle(last + 2)) : undefined;
      if (!next || !this.attached.has(next)) return last;
      last = next.last;
    }
  }

  /** ", (Dr.|Lic.|la maestra) X" right after an office. */
  private personAfter(index: number, titleEnd: number): Ref | undefined {
    let k = index;
    // "el rector X" (no body, no comma) or ", X" after the office.
    if (this.tokens[k]?.text === ',') k++;
    else if (index !== titleEnd + 1) return undefined;
    for (let n = 0; n < 4 && !this.refStartingAt(k); n++) {
      const token = this.tokens[k];
      if (!token || (token.text !== '.' && !ARTICLES.has(token.norm) && !PERSON_TITLES.has(token.norm))) break;
      k++;
    }
    const ref = this.refStartingAt(k);
    return ref && isPerson(ref) ? ref : undefined;
  }

  /** "X, titular de…", "la maestra X, Consejera Presidenta del…", "X, quien es Directora del…", "X, como su…". */
  private personBefore(at: number): Ref | undefined {
    let k = at - 1;
    for (let n = 0; n < 5 && k >= 0; n++, k--) {
      const ref = this.refAt.get(k) ?? this.refEndingAt.get(k);
      if (ref)
        return isPerson(ref) && this.tokens.slice(ref.last + 1, at).some((t) => t.text === ',') ? ref : undefined;
      const token = this.tokens[k];
      if (
        !token ||
        !(token.text === ',' || ARTICLES.has(token.norm) || ROLE_GLUE.has(token.norm) || PERSON_TITLES.has(token.norm))
      )
        return undefined;
    }
    return undefined;
  }

  /**
   * The body of an office the sentence does not name after it: "por A, el rector X" (A); "X, como su
   * presidenta" (the body before); "el Consejero Presidente, X" (the document's institute); "el rector X" (its
   * university).
   */
  private ownerWithout(at: number, person: Ref, title: string): Referent | undefined {
    const start = Math.min(at, person.first);
    for (let k = start - 1; k >= Math.max(0, start - 10); k--) {
      if (this.norm(k) !== 'por') continue;
      const from = this.norm(k + 1) === 'parte' && GENITIVE_GAPS.has(this.norm(k + 2)) ? k + 3 : k + 1;
      const ref = this.refStartingAt(this.skipArticle(from));
      if (ref && is(BODY_KINDS)(ref)) return ref.referent;
      break;
    }
    // "X, como su presidenta", "Y, integrante": of the commission the sentence named before.
    const listed = this.tokens[person.last + 1]?.text === ',' && person.last + 1 < at;
    if (this.norm(at - 1) === 'su' || (listed && type_of(title) === 'member'))
      return this.refBefore(person.first, is(COMMISSIONS))?.referent;
    if (this.norm(at - 1) === 'su') return undefined;
    if (/^president/.test(title) && /^consejer/.test(this.norm(at - 1))) return this.input.principal;
    if (/^rector/.test(title)) return this.input.university;
    return undefined;
  }

  /** "(quedó) integrada por las consejeras X y Y, así como por el consejero Z": each sits on the body. */
  private members(): void {
    for (const at of this.indexWhere((t, i) => MEMBERSHIP_WORD.test(t.norm) && this.norm(i + 1) === 'por')) {
      const body = this.refBefore(at, is(COMMISSIONS));
      if (!body) continue;
      // "una comisión especial integrada por…": an indefinite subject is a new, unnamed body, not the one before.
      if (this.tokens.slice(body.last + 1, at).some((t) => INDEFINITE_ARTICLES.has(t.norm))) continue;
      const cue = this.norm(at - 1) === 'quedo' ? [at - 1, at, at + 1] : [at, at + 1];
      for (const person of this.refsAfter(at, isPerson, this.clauseEnd(at) - 1))
        this.add(RelationType.MEMBER_OF, person.referent, body.referent, cue, 0.8);
    }
  }

  /** "El IECM instaló la Comisión X"; "el Consejo General aprobó la creación de la Comisión X". */
  private installedOrCreated(): void {
    for (const at of this.indexWhere((t) => INSTALL_WORD.test(t.norm))) {
      const [commission] = this.refsAfter(at, is(NEW_BODIES), at + COMMISSION_REACH);
      const installer = this.refBefore(at, this.unattached(is(ORGANIZATIONS)));
      const source = installer?.referent ?? this.input.principal;
      if (commission && source)
        this.add(RelationType.INSTALLED, source, commission.referent, [at], installer ? 0.8 : 0.6);
    }
    // "aprobó (este jueves) la creación de", the noun a few words after the verb.
    const approvals = this.indexWhere((t) => APPROVE_VERB.test(t.norm)).flatMap((at) => {
      const [noun] = this.indexWhere((t) => t.norm === 'creacion', at + 1, at + 5);
      return noun === undefined ? [] : [{ at, cue: [at, noun] }];
    });
    const creations = [
      ...approvals,
      ...this.indexWhere((t) => CREATE_VERB.test(t.norm)).map((at) => ({ at, cue: [at] })),
    ];
    for (const { at, cue } of creations) {
      const [first, ...rest] = this.refsAfter(at, is(NEW_BODIES), this.listEnd(at));
      if (!first || first.first > (cue.at(-1) ?? at) + COMMISSION_REACH) continue;
      // "la creación de las comisiones de A, de B y de C": each body of the list.
      const listed = [first, ...rest.filter((ref) => !this.attached.has(ref))];
      const creator = this.refBefore(at, this.unattached(is(BODY_KINDS)));
      const source = creator?.referent ?? this.input.principal;
      if (source)
        for (const commission of listed)
          this.add(RelationType.CREATED, source, commission.referent, cue, creator ? 0.75 : 0.55);
    }
  }

  /** "La COVIN dará seguimiento … de la Dirección X": the commission oversees the unit. */
  private oversight(): void {
    const cues = [
      ...this.indexWhere((t, i) => t.norm === 'seguimiento' && OVERSIGHT_VERB.test(this.norm(i - 1))).map((at) => [
        at - 1,
        at,
      ]),
      ...this.indexWhere((t) => SUPERVISE_VERB.test(t.norm)).map((at) => [at]),
    ];
    for (const cue of cues) {
      const at = cue[0] ?? 0;
      const overseer = this.refBefore(at, is(NEW_BODIES));
      const [overseen] = this.refsAfter(at, this.unattached(is(WHOLES)));
      if (overseer && overseen) this.add(RelationType.OVERSEES, overseer.referent, overseen.referent, cue, 0.7);
    }
  }

  /**
   * Events the sentence names: who organized them ("la Comisión organizó una de las Misiones…"), where they
   * were held ("se colocaron stands en A, B…"), the cities a tour visited and who took part.
   */
  private events(): void {
    let organized: Ref | undefined;
    // "la reunión … será organizada por la Comisión X": the organizer after "por", the event before.
    for (const at of this.indexWhere((t, i) => ORGANIZED_BY.test(t.norm) && this.norm(i + 1) === 'por')) {
      const organizer = this.refStartingAt(this.skipArticle(at + 2));
      const event = this.refBefore(at, isEvent);
      if (organizer && event && is(BODY_KINDS)(organizer))
        this.add(RelationType.ORGANIZED, organizer.referent, event.referent, [at, at + 1], 0.65);
    }
    // "puso en marcha", "llevó a cabo": verbs of three words that organize what follows.
    const launches = this.indexWhere(
      (t, i) =>
        (t.norm === 'puso' && this.norm(i + 1) === 'en' && this.norm(i + 2) === 'marcha') ||
        (/^llev(o|aron|ara|aran|a|an)$/.test(t.norm) && this.norm(i + 1) === 'a' && this.norm(i + 2) === 'cabo'),
    );
    for (const at of [
      ...this.indexWhere((t, i) => ORGANIZE_VERB.test(t.norm) && this.norm(i - 1) !== 'se'),
      ...launches,
    ]) {
      const [event] = this.refsAfter(at, isEvent, at + EVENT_REACH);
      const organizer = this.refBefore(at, this.unattached(is(BODY_KINDS)));
      if (!event || !organizer) continue;
      organized ??= event;
      this.add(RelationType.ORGANIZED, organizer.referent, event.referent, [at], 0.65);
    }
    // "la reunión, realizada en coordinación con X", "organizó … en coordinación con X": X organized it too.
    for (const at of this.indexWhere(
      (t, i) => t.norm === 'coordinacion' && this.norm(i - 1) === 'en' && this.norm(i + 1) === 'con',
    )) {
      const event = organized ?? this.refBefore(at, isEvent) ?? this.refsAfter(at, isEvent)[0];
      const partner = this.refStartingAt(this.skipArticle(at + 2));
      if (event && partner && is(BODY_KINDS)(partner))
        this.add(RelationType.ORGANIZED, partner.referent, event.referent, [at - 1, at, at + 1], 0.6);
    }
    for (const event of this.input.refs.filter(isEvent)) {
      const en = event.last + 1;
      if (this.norm(en) === 'en')
        for (const venue of this.refsAfter(en, (ref) => !this.attached.has(ref), this.clauseEnd(en) - 1)) {
          const kind = kindOf(venue.referent);
          const cue = [...this.span(event), en];
          if (kind === NodeKind.CITY) this.add(RelationType.HELD_IN, event.referent, venue.referent, cue, 0.6);
          else if (BODY_KINDS.has(kind)) this.add(RelationType.HELD_AT, event.referent, venue.referent, cue, 0.65);
        }
      if (TOUR_NOUNS.has(this.norm(event.first)))
        for (const city of this.refsAfter(event.last, isCity))
          this.add(RelationType.VISITED, event.referent, city.referent, this.span(event), 0.6);
    }
    this.citiesOfCountry();
    this.participation(organized);
    this.witnesses();
  }

  /** "con la participación de … la Red de Observación…" (the sentence's event); "A y B participaron en el Foro…". */
  private participation(organized: Ref | undefined): void {
    for (const at of this.indexWhere((t) => PARTICIPATION_WORD.test(t.norm))) {
      const eventAfter = this.norm(at + 1) === 'en' ? this.refStartingAt(this.skipArticle(at + 2)) : undefined;
      if (eventAfter && isEvent(eventAfter)) {
        for (const participant of this.coordinatedBefore(at, this.unattached(is(BODY_KINDS))))
          this.add(RelationType.PARTICIPATED_IN, participant.referent, eventAfter.referent, [at, at + 1], 0.6);
        continue;
      }
      const event = organized ?? this.refBefore(at, isEvent);
      if (!event) continue;
      // "(52 integrantes de la Red …)": the participants are listed up to the closing parenthesis.
      const [close] = this.indexWhere((t) => t.text === ')', at + 1, at + REACH);
      for (const participant of this.refsAfter(at, this.unattached(is(BODY_KINDS)), close))
        this.add(RelationType.PARTICIPATED_IN, participant.referent, event.referent, [at], 0.55);
    }
  }

  /** "La firma del convenio …, fungiendo como testigos de honor A y B": the witnesses took part in the signing. */
  private witnesses(): void {
    const [witness] = this.indexWhere((t) => /^testigos?$/.test(t.norm));
    const [signing] = this.indexWhere((t) => t.norm === 'firma');
    if (witness === undefined || signing === undefined) return;
    // The signing as the text names it: "firma del convenio de colaboración".
    let last = signing;
    for (;;) {
      if (!GENITIVE_GAPS.has(this.norm(last + 1))) break;
      const noun = ARTICLES.has(this.norm(last + 2)) ? last + 3 : last + 2;
      if (!/^\p{Ll}{3,}$/u.test(this.tokens[noun]?.text ?? '') || noun - signing > 8) break;
      last = noun;
    }
    const event: Referent = { event: this.input.text.slice(this.tokens[signing]?.start, this.tokens[last]?.end) };
    for (const person of this.refsIn(witness + 1, this.listEnd(witness), isPerson))
      this.add(RelationType.PARTICIPATED_IN, person.referent, event, [witness, signing], 0.55);
  }

  /** "nueve ciudades estratégicas de Estados Unidos: Chicago, Dallas…": each city lies in the country. */
  private citiesOfCountry(): void {
    for (const at of this.indexWhere((t) => t.norm === 'ciudades')) {
      const [de] = this.indexWhere((t) => t.norm === 'de', at + 1, at + 4);
      if (de === undefined || this.tokens.slice(at + 1, de).some((t) => !/^\p{Ll}/u.test(t.text))) continue;
      const country = this.refStartingAt(this.skipArticle(de + 1));
      if (!country || kindOf(country.referent) !== NodeKind.COUNTRY || this.tokens[country.last + 1]?.text !== ':')
        continue;
      for (const city of this.refsAfter(country.last, isCity))
        this.add(
          RelationType.LOCATED_IN,
          city.referent,
          country.referent,
          [at, ...this.span({ first: de, last: country.last })],
          0.7,
        );
    }
  }
}
