// Agreement status is data (AgreementStatus NOT_STATED): before it, an agreement no sentence gave a status had
// none, and partnerships counted it as in negotiation. The agreements of the Crónica article on the 125 agreements
// are among the 125 its sentence 2 says the IECM "ha consolidado": signed, citing that sentence and their own.
// Every other agreement without a status is NOT_STATED. Partnerships are rebuilt at start-up (definition 2).
MATCH (a:Agreement)
WHERE a.status IS NULL
OPTIONAL MATCH (consolidated:Statement {id: 'cronica-2025-iecm-125-convenios#2'})
WITH a, consolidated,
     [ref IN coalesce(a.sourceRefs, []) WHERE ref STARTS WITH 'cronica-2025-iecm-125-convenios#'] AS own
WITH a, CASE WHEN consolidated IS NOT NULL AND size(own) > 0 THEN [consolidated.id] + own END AS stated
SET a.status = CASE WHEN stated IS NULL THEN 'NOT_STATED' ELSE 'SIGNED' END,
    a.statusSources = stated;
