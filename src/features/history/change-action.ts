/** What a write did; each write is one change of the history. */
export enum ChangeAction {
  CREATE = 'CREATE',
  UPDATE = 'UPDATE',
  LINK = 'LINK',
  UNLINK = 'UNLINK',
  MERGE = 'MERGE',
  DELETE = 'DELETE',
  RESTORE = 'RESTORE',
  IMPORT = 'IMPORT',
}
