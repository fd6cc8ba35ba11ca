export function Brand() {
  return <span style={{ color: '#fff', fontWeight: 700, fontSize: 20, letterSpacing: 1 }}>Weft <span style={{ fontWeight: 400 }}>console</span></span>;
}
