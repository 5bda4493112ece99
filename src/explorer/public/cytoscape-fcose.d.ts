/*
 * cytoscape-fcose ships no types: the explorer only registers it (`cytoscape.use(fcose)`) and names it in the layout
 * options.
 */
declare module 'cytoscape-fcose' {
  const fcose: import('cytoscape').Ext;
  export default fcose;
}
