import { useId } from 'react';

/** The Kairos mark: a "K" opening towards a gold dot — the right moment (καιρός) to act. */
export function LogoMark({ size = 32 }: { size?: number }) {
  const gradient = useId();
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" role="img" aria-hidden="true" style={{ flex: 'none', display: 'block' }}>
      <defs>
        <linearGradient id={gradient} x1="0" y1="0" x2="1" y2="1">
          <stop offset="0" stopColor="#4d6bff" />
          <stop offset="1" stopColor="#2438a8" />
        </linearGradient>
      </defs>
      <rect width="32" height="32" rx="8" fill={`url(#${gradient})`} />
      <path d="M11 8.5v15" stroke="#fff" strokeWidth="3.2" strokeLinecap="round" />
      <path d="M21.5 8.5 14.5 16l7 7.5" fill="none" stroke="#fff" strokeWidth="3.2" strokeLinecap="round" strokeLinejoin="round" />
      <circle cx="23.5" cy="16" r="2.2" fill="#ffc53d" />
    </svg>
  );
}

/** Mark and word mark side by side; `inverse` for dark backgrounds. */
export function Brand({ size = 32, inverse = false, collapsed = false }: { size?: number; inverse?: boolean; collapsed?: boolean }) {
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 10 }}>
      <LogoMark size={size} />
      {!collapsed && (
        <span
          style={{
            fontSize: Math.round(size * 0.62),
            fontWeight: 700,
            letterSpacing: 0.2,
            color: inverse ? '#fff' : '#141a33',
            lineHeight: 1,
          }}
        >
          Kairos
        </span>
      )}
    </span>
  );
}
