// Node icons drawn into the graph (Cytoscape paints SVG data URIs): a monitor for a VM, a box
// for a container, a gateway arch; so VMs and containers are told apart at a glance.

function svg(body: string) {
  return 'data:image/svg+xml;utf8,' + encodeURIComponent(`<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32" viewBox="0 0 32 32">${body}</svg>`);
}

export const VmIcon = svg('<rect x="4" y="6" width="24" height="16" rx="2" fill="none" stroke="#3c3f42" stroke-width="2.5"/><rect x="13" y="22" width="6" height="3" fill="#3c3f42"/><rect x="9" y="25" width="14" height="2.5" fill="#3c3f42"/>');
export const ContainerIcon = svg('<path d="M16 4 L28 10 L28 22 L16 28 L4 22 L4 10 Z" fill="none" stroke="#3c3f42" stroke-width="2.5"/><path d="M4 10 L16 16 L28 10 M16 16 L16 28" fill="none" stroke="#3c3f42" stroke-width="2"/>');
export const GatewayIcon = svg('<path d="M6 28 V14 A10 10 0 0 1 26 14 V28" fill="none" stroke="#3c3f42" stroke-width="3"/><path d="M11 20 H21 M17 16 L21 20 L17 24" fill="none" stroke="#3c3f42" stroke-width="2.5"/>');
export const UnknownIcon = svg('<text x="16" y="23" font-size="20" text-anchor="middle" font-family="sans-serif" fill="#3c3f42">?</text>');

const lock = svg('<rect x="7" y="14" width="18" height="13" rx="2" fill="#3c3f42"/><path d="M11 14 V10 A5 5 0 0 1 21 10 V14" fill="none" stroke="#3c3f42" stroke-width="3"/>');

export function LockIcon() {
  return <img src={lock} width={14} height={14} alt="lock" style={{ verticalAlign: 'middle' }} />;
}
