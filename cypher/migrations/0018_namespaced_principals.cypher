// Principals are namespaced (src/shared/auth.ts): a static token's is `token:<name>`, a JWT's `jwt:<issuer>:<sub>`,
// a command-line run's `cli:<user>`. Names stored before carry no namespace and cannot say how their writer signed
// in; they are attributed to static tokens (the default set-up), so that an editor keeps the maps it saved. An
// admin can hand a map saved under a JWT before this to its owner by saving it again.
MATCH (c:Change) WHERE c.actor IS NOT NULL AND NOT c.actor CONTAINS ':'
SET c.actor = 'token:' + c.actor;
MATCH (m:ExplorerMap) WHERE m.createdBy IS NOT NULL AND NOT m.createdBy CONTAINS ':'
SET m.createdBy = 'token:' + m.createdBy;
MATCH (m:ExplorerMap) WHERE m.updatedBy IS NOT NULL AND NOT m.updatedBy CONTAINS ':'
SET m.updatedBy = 'token:' + m.updatedBy;
