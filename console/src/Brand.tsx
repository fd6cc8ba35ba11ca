export function Brand() {
  return <span style={{ color: '#151515', fontWeight: 700, fontSize: 20, letterSpacing: 1 }}>Weft <span style={{ fontWeight: 400 }}>console</span></span>;
}
