/**
 * Relations read from cue words between the references of one sentence. Each rule names its cue; a rule
 * that cannot find both ends proposes nothing.
 */
import { NodeKind } from '../../../model/graph-model';
import { RelationType } from '../../../model/graph-model';
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
import { ARTICLES, TOUR_NOUNS } from './lexicon';
import { BODY_KINDS, kindOf, referentKey, sameReferent, type Ref, type Referent } from './references';
import type { Token } from './tokens';

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
}

const ORGANIZATIONS: ReadonlySet<NodeKind> = new Set([NodeKind.ORGANIZATION, NodeKind.UNIVERSITY]);
const PARTS: ReadonlySet<NodeKind> = new Set([NodeKind.FACULTY, NodeKind.UNIT, NodeKind.COMMISSION, NodeKind.GROUP]);
const WHOLES: ReadonlySet<NodeKind> = new Set([
  NodeKind.ORGANIZATION,
  NodeKind.UNIVERSITY,
  NodeKind.COMMISSION,
  NodeKind.UNIT,
]);
const COMMISSIONS: ReadonlySet<NodeKind> = new Set([NodeKind.COMMISSION, NodeKind.UNIT, NodeKind.GROUP]);
const GENITIVE_GAPS = new Set(['de', 'del', 'de la', 'de las', 'de los', 'de el']);

const is = (kinds: ReadonlySet<NodeKind>) => (ref: Ref) => kinds.has(kindOf(ref.referent));

export function findRelations(input: RelationInput): FoundRelation[] {
  return new SentenceRelations(input).find();
}

class SentenceRelations {
  private readonly found = new Map<string, FoundRelation>();
  /** References that only qualify the one before them ("… de la UNAM", "… a través de la Facultad…"). */
  private readonly attached = new Set<Ref>();

  constructor(private readonly input: RelationInput) {}

  find(): FoundRelation[] {
    this.partOf();
    const agreementTargets = this.agreements();
    this.facilitation(agreementTargets);
    this.chairs();
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

  private add(
    type: ProposedRelationType,
    source: Referent,
    target: Referent,
    cueTokens: number[],
    confidence: number,
  ): void {
    if (sameReferent(source, target)) return;
    const key = `${type}|${referentKey(source)}|${referentKey(target)}`;
    const previous = this.found.get(key);
    if (previous && previous.confidence >= confidence) return;
    this.found.set(key, { type, source, target, cue: this.cue(cueTokens), confidence });
  }

  /** The cue words as written, "…" where words in between are left out. */
  private cue(indices: number[]): string {
    const sorted = [...new Set(indices)].sort((a, b) => a - b);
    const groups: string[] = [];
    let groupStart: number | undefined;
    sorted.forEach((index, k) => {
      groupStart ??= index;
      const next = sorted[k + 1];
      if (next === index + 1) return;
      const first = this.tokens[groupStart];
      const last = this.tokens[index];
      if (first && last) groups.push(this.input.text.slice(first.start, last.end));
      groupStart = undefined;
    });
    return groups.join(' … ');
  }

  private skipArticle(index: number): number {
    return ARTICLES.has(this.norm(index)) ? index + 1 : index;
  }

  private refStartingAt(index: number): Ref | undefined {
    return this.input.refs.find((ref) => ref.first === index);
  }

  private refBefore(index: number, accept: (ref: Ref) => boolean): Ref | undefined {
    return [...this.input.refs].reverse().find((ref) => ref.last < index && accept(ref));
  }

  private refsAfter(index: number, accept: (ref: Ref) => boolean): Ref[] {
    return this.input.refs.filter((ref) => ref.first > index && accept(ref));
  }

  private indexWhere(test: (token: Token, index: number) => boolean, from = 0): number[] {
    const found: number[] = [];
    for (let i = from; i < this.tokens.length; i++) {
      const token = this.tokens[i];
      if (token && test(token, i)) found.push(i);
    }
    return found;
  }

  /** The first clause opener or colon after `index`, or the end of the sentence. */
  private clauseEnd(index: number): number {
    const [end] = this.indexWhere((token) => CLAUSE_OPENERS.has(token.norm) || token.text === ':', index + 1);
    return end ?? this.tokens.length;
  }

  /** "Y de la X" / "Y del X": X only says whose Y is. */
  private genitivePairs(): [Ref, Ref, number][] {
    const pairs: [Ref, Ref, number][] = [];
    const refs = this.input.refs;
    for (let k = 1; k < refs.length; k++) {
      const [a, b] = [refs[k - 1], refs[k]];
      if (!a || !b) continue;
      const gap = this.tokens.slice(a.last + 1, b.first).map((token) => token.norm);
      if (GENITIVE_GAPS.has(gap.join(' '))) pairs.push([a, b, a.last + 1]);
    }
    return pairs;
  }

  // ---- rules ----

  /** "Facultad … de la UNAM", "Dirección … del IECM", "la UNAM a través de la Facultad…", "Informe … de la Comisión". */
  private partOf(): void {
    for (const [part, whole, cueAt] of this.genitivePairs()) {
      this.attached.add(whole);
      const cue = [...this.span({ ...whole, first: cueAt })];
      const partKind = kindOf(part.referent);
      if (partKind === NodeKind.REPORT && BODY_KINDS.has(kindOf(whole.referent)))
        this.add(RelationType.AUTHORED_BY, part.referent, whole.referent, cue, 0.7);
      else if (PARTS.has(partKind) && WHOLES.has(kindOf(whole.referent))) this.partOfFound(part, whole, cue, 0.75);
    }
    for (const at of this.indexWhere(
      (t, i) => t.norm === 'a' && this.norm(i + 1) === 'traves' && this.norm(i + 2) === 'de',
    )) {
      const part = this.refStartingAt(this.skipArticle(at + 3));
      const whole = this.refBefore(at, is(ORGANIZATIONS));
      if (!part || !whole || !BODY_KINDS.has(kindOf(part.referent))) continue;
      this.attached.add(part);
      this.partOfFound(part, whole, this.span({ ...part, first: at }), 0.7);
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
   * listed after "con"; the other party is the organization acting in the sentence, else the document's.
   */
  private agreements(): Referent[] {
    const connectives = agreementConnectives(this.tokens);
    const [firstConnective] = connectives;
    if (!firstConnective) return [];
    const actor =
      this.refBefore(firstConnective.trigger, (ref) => is(ORGANIZATIONS)(ref) && !this.attached.has(ref))?.referent ??
      this.input.principal;
    if (!actor) return [];
    const principal = this.input.principal;
    const explicitActor =
      actor !== principal ||
      this.input.refs.some((ref) => principal !== undefined && sameReferent(ref.referent, principal));
    const targets: Referent[] = [];
    const connectiveAt = new Map(connectives.map((c) => [c.index, c]));
    let governing = firstConnective;
    let listEnd = this.clauseEnd(firstConnective.index);
    for (const ref of this.refsAfter(firstConnective.index, () => true)) {
      const before = ref.first - 1;
      const conBefore =
        this.tokens[before]?.norm === 'con'
          ? before
          : this.tokens[before - 1]?.norm === 'con' && ARTICLES.has(this.norm(before))
            ? before - 1
            : undefined;
      if (ref.first > listEnd) {
        // After a new clause, only "con X" goes on with the parties ("…, mientras que con la UNAM…").
        if (conBefore === undefined) continue;
        listEnd = this.clauseEnd(conBefore);
      }
      if (conBefore !== undefined) governing = connectiveAt.get(conBefore) ?? governing;
      if (this.attached.has(ref) || !BODY_KINDS.has(kindOf(ref.referent)) || sameReferent(ref.referent, actor))
        continue;
      targets.push(ref.referent);
      const cue = [governing.trigger, conBefore ?? governing.index];
      this.add(AGREEMENT_WITH, actor, ref.referent, cue, explicitActor ? 0.8 : 0.65);
    }
    return targets;
  }

  /** "la Comisión acompañó … la vinculación, negociación … de otros convenios con X": it helped, X signed. */
  private facilitation(agreementParties: Referent[]): void {
    for (const at of this.indexWhere((token) => FACILITATION_VERB.test(token.norm))) {
      const [what] = this.indexWhere((token) => FACILITATION_NOUNS.has(token.norm), at + 1);
      const helper = this.refBefore(at, is(BODY_KINDS));
      if (what === undefined || !helper) continue;
      for (const party of agreementParties) this.add(RelationType.FACILITATED, helper.referent, party, [at, what], 0.6);
    }
  }

  /**
   * "presidida por X", "la consejera presidenta de la Comisión, X", "X, presidenta de la Comisión",
   * "X presidirá la Comisión".
   */
  private chairs(): void {
    const people = this.input.refs.filter(is(new Set([NodeKind.PERSON])));
    for (const person of people) {
      // "presidida por (la consejera) X"
      const by = this.indexWhere((t, i) => t.norm === 'por' && CHAIR_VERB.test(this.norm(i - 1)));
      for (const at of by) {
        const between = this.tokens.slice(at + 1, person.first);
        if (person.first <= at || between.some((t) => t.type !== 'word' || !/^\p{Ll}/u.test(t.text))) continue;
        const commission = this.refBefore(at, is(COMMISSIONS));
        if (commission) this.add(RelationType.CHAIRS, person.referent, commission.referent, [at - 1, at], 0.8);
      }
      // "presidenta de la Comisión, X" before the name, or ", presidenta de la Comisión" after it
      for (const at of this.indexWhere((t) => CHAIR_WORDS.has(t.norm))) {
        if (this.norm(at + 1) !== 'de' && this.norm(at + 1) !== 'del') continue;
        const commission = this.refStartingAt(this.skipArticle(at + 2));
        if (!commission || !is(COMMISSIONS)(commission)) continue;
        const nameFollows = this.tokens[commission.last + 1]?.text === ',' && person.first === commission.last + 2;
        const nameBefore =
          person.last + 1 < at &&
          this.tokens.slice(person.last + 1, at).every((t) => t.text === ',' || ARTICLES.has(t.norm));
        if (nameFollows || nameBefore)
          this.add(
            RelationType.CHAIRS,
            person.referent,
            commission.referent,
            [at, at + 1, at + 2, ...this.span(commission)],
            0.8,
          );
      }
      // "X presidirá la Comisión"
      const verb = this.tokens[person.last + 1];
      if (verb && CHAIR_VERB.test(verb.norm) && !verb.norm.startsWith('presidid')) {
        const commission = this.refStartingAt(this.skipArticle(person.last + 2));
        if (commission && is(COMMISSIONS)(commission))
          this.add(RelationType.CHAIRS, person.referent, commission.referent, [person.last + 1], 0.75);
      }
    }
  }

  private span(ref: Ref): number[] {
    return Array.from({ length: ref.last - ref.first + 1 }, (_, k) => ref.first + k);
  }

  /** "(quedó) integrada por las consejeras X y Y, así como por el consejero Z": each sits on the body. */
  private members(): void {
    for (const at of this.indexWhere((t, i) => MEMBERSHIP_WORD.test(t.norm) && this.norm(i + 1) === 'por')) {
      const body = this.refBefore(at, is(COMMISSIONS));
      if (!body) continue;
      const cue = this.norm(at - 1) === 'quedo' ? [at - 1, at, at + 1] : [at, at + 1];
      for (const person of this.refsAfter(at, is(new Set([NodeKind.PERSON]))).filter(
        (p) => p.first < this.clauseEnd(at),
      ))
        this.add(RelationType.MEMBER_OF, person.referent, body.referent, cue, 0.8);
    }
  }

  /** "El IECM instaló la Comisión X"; "el Consejo General aprobó la creación de la Comisión X". */
  private installedOrCreated(): void {
    const within = (from: number, reach: number) => (ref: Ref) =>
      ref.first > from && ref.first <= from + reach && is(new Set([NodeKind.COMMISSION, NodeKind.UNIT]))(ref);
    for (const at of this.indexWhere((t) => INSTALL_WORD.test(t.norm))) {
      const [commission] = this.refsAfter(at, within(at, 8));
      const installer = this.refBefore(at, (ref) => is(ORGANIZATIONS)(ref) && !this.attached.has(ref));
      const source = installer?.referent ?? this.input.principal;
      if (commission && source)
        this.add(RelationType.INSTALLED, source, commission.referent, [at], installer ? 0.8 : 0.6);
    }
    const creations = [
      ...this.indexWhere((t, i) => APPROVE_VERB.test(t.norm) && this.norm(this.skipArticle(i + 1)) === 'creacion').map(
        (at) => ({
          at,
          cue: [at, this.skipArticle(at + 1) - 1, this.skipArticle(at + 1)],
        }),
      ),
      ...this.indexWhere((t) => CREATE_VERB.test(t.norm)).map((at) => ({ at, cue: [at] })),
    ];
    for (const { at, cue } of creations) {
      const [commission] = this.refsAfter(at, within(at, 8));
      const creator = this.refBefore(at, (ref) => is(BODY_KINDS)(ref) && !this.attached.has(ref));
      const source = creator?.referent ?? this.input.principal;
      if (commission && source) this.add(RelationType.CREATED, source, commission.referent, cue, creator ? 0.75 : 0.55);
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
      const overseer = this.refBefore(at, is(new Set([NodeKind.COMMISSION, NodeKind.UNIT])));
      const [overseen] = this.refsAfter(at, (ref) => is(WHOLES)(ref) && !this.attached.has(ref));
      if (overseer && overseen) this.add(RelationType.OVERSEES, overseer.referent, overseen.referent, cue, 0.7);
    }
  }

  /**
   * Events the sentence names: who organized them ("la Comisión organizó una de las Misiones…"), where they
   * were held ("se colocaron stands en A, B…"), the cities a tour visited and who took part.
   */
  private events(): void {
    const events = this.input.refs.filter((ref) => ref.referent.event !== undefined);
    let organized: Ref | undefined;
    for (const at of this.indexWhere((t, i) => ORGANIZE_VERB.test(t.norm) && this.norm(i - 1) !== 'se')) {
      const event = events.find((ref) => ref.first > at && ref.first <= at + 6);
      const organizer = this.refBefore(at, (ref) => is(BODY_KINDS)(ref) && !this.attached.has(ref));
      if (!event || !organizer) continue;
      organized ??= event;
      this.add(RelationType.ORGANIZED, organizer.referent, event.referent, [at], 0.65);
    }
    for (const event of events) {
      const en = event.last + 1;
      if (this.norm(en) === 'en') {
        for (const venue of this.refsAfter(en, (ref) => !this.attached.has(ref) && ref.first < this.clauseEnd(en))) {
          const kind = kindOf(venue.referent);
          if (kind === NodeKind.CITY)
            this.add(RelationType.HELD_IN, event.referent, venue.referent, [...this.span(event), en], 0.6);
          else if (BODY_KINDS.has(kind))
            this.add(RelationType.HELD_AT, event.referent, venue.referent, [...this.span(event), en], 0.65);
        }
      }
      if (TOUR_NOUNS.has(this.norm(event.first)))
        for (const city of this.refsAfter(event.last, is(new Set([NodeKind.CITY]))))
          this.add(RelationType.VISITED, event.referent, city.referent, this.span(event), 0.6);
    }
    this.citiesOfCountry();
    for (const at of this.indexWhere((t) => PARTICIPATION_WORD.test(t.norm))) {
      const event = organized ?? [...events].reverse().find((ref) => ref.last < at);
      if (!event) continue;
      const end = this.tokens.findIndex((t, i) => i > at && t.text === ')');
      for (const participant of this.refsAfter(at, (ref) => is(BODY_KINDS)(ref) && !this.attached.has(ref)))
        if (end < 0 || participant.first < end)
          this.add(RelationType.PARTICIPATED_IN, participant.referent, event.referent, [at], 0.55);
    }
  }

  /** "nueve ciudades estratégicas de Estados Unidos: Chicago, Dallas…": each city lies in the country. */
  private citiesOfCountry(): void {
    for (const at of this.indexWhere((t) => t.norm === 'ciudades')) {
      let k = at + 1;
      while (this.tokens[k]?.type === 'word' && /^\p{Ll}/u.test(this.tokens[k]?.text ?? '') && this.norm(k) !== 'de')
        k++;
      if (this.norm(k) !== 'de') continue;
      const country = this.refStartingAt(this.skipArticle(k + 1));
      if (!country || kindOf(country.referent) !== NodeKind.COUNTRY || this.tokens[country.last + 1]?.text !== ':')
        continue;
      for (const city of this.refsAfter(country.last, is(new Set([NodeKind.CITY]))))
        this.add(RelationType.LOCATED_IN, city.referent, country.referent, [at, k, ...this.span(country)], 0.7);
    }
  }
}
