/**
 * The few parts of the Cytoscape.js API the browser tests read through `window.cy`, which the explorer exposes;
 * declared once for every test file (a second `declare global` of `window.cy` would clash).
 */
export interface CyElement {
  id(): string;
  data(key: string): unknown;
  hasClass(name: string): boolean;
  position(): { x: number; y: number };
  renderedPosition(): { x: number; y: number };
  width(): number;
  style(name: string): unknown;
  visible(): boolean;
  renderedBoundingBox(options?: Record<string, boolean>): { x1: number; y1: number; x2: number; y2: number };
}
export interface CyCollection {
  length: number;
  map<T>(fn: (element: CyElement) => T): T[];
  emit(event: string): void;
  nonempty(): boolean;
  empty(): boolean;
}
export interface Cy {
  nodes(selector?: string): CyCollection;
  zoom(): number;
  pan(): { x: number; y: number };
  edges(selector?: string): CyCollection;
  elements(selector?: string): CyCollection;
  $id(id: string): CyCollection & CyElement;
}
declare global {
  interface Window {
    cy: Cy;
  }
}
