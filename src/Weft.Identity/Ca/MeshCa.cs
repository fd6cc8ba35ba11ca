using System.Collections.Immutable;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Weft.Identity.Spiffe;
using Weft.Identity.Trust;

namespace Weft.Identity.Ca;

/// <summary>
/// The mesh's certificate authority: one or more <see cref="CaGeneration"/>s (roots over time),
/// the policy for what it signs, and a clock. Immutable: a rotation returns a new MeshCa, which
/// the owner publishes with one reference swap.
/// <para>
/// A root rotation is paced by time alone, so it survives restarts and needs no operator at each
/// step: the new root is trusted at once but signs only after <see cref="CaPolicy.RotationPropagation"/>
/// (every workload has renewed, so holds the new bundle, by then); the old root stays trusted
/// <see cref="CaPolicy.RotationOverlap"/> longer (every certificate it signed has expired by then).
/// </para>
/// </summary>
public sealed class MeshCa
{
    private readonly TimeProvider _time;

    /// <exception cref="ArgumentException">No generation can sign, or the trust domain is not valid.</exception>
    public MeshCa(string trustDomain, IEnumerable<CaGeneration> generations, TimeProvider time, CaPolicy? policy = null)
    {
        TrustDomain = Spiffe.TrustDomain.Require(trustDomain);
        Generations = [.. generations.OrderBy(g => g.SignsFrom)];
        if (!Generations.Any(g => g.Authority is not null))
            throw new ArgumentException("a CA needs at least one generation with a signing key", nameof(generations));
        _time = time;
        Policy = policy ?? new CaPolicy();
    }

    public string TrustDomain { get; }

    /// <summary>Oldest first.</summary>
    public ImmutableArray<CaGeneration> Generations { get; }

    public CaPolicy Policy { get; }

    public TimeProvider Time => _time;

    /// <summary>A CA with a freshly generated root (first start).</summary>
    public static MeshCa CreateWithNewRoot(string trustDomain, TimeProvider time, CaPolicy? policy = null)
    {
        policy ??= new CaPolicy();
        var now = time.GetUtcNow();
        var root = SigningAuthority.GenerateRoot(trustDomain, now, policy.RootLifetime);
        return new MeshCa(trustDomain, [new CaGeneration(root, root.Root, now, null)], time, policy);
    }

    /// <summary>The authority that signs at <paramref name="now"/>: the newest generation whose signing has begun.</summary>
    public SigningAuthority SignerAt(DateTimeOffset now)
    {
        CaGeneration? best = null;
        foreach (var g in Generations)
        {
            if (g.SignsAt(now) && (best is null || g.SignsFrom >= best.SignsFrom))
                best = g;
        }
        // Every generation is in the future or past its trust: the newest with a key still signs rather than nothing.
        best ??= Generations.Last(g => g.Authority is not null);
        return best.Authority!;
    }

    public SigningAuthority Signer => SignerAt(_time.GetUtcNow());

    /// <summary>Every root trusted at <paramref name="now"/>: the signing one, a coming one, a retiring one.</summary>
    public TrustBundle TrustBundleAt(DateTimeOffset now) =>
        new(TrustDomain, Generations.Where(g => g.IsTrustedAt(now)).Select(g => g.Root).Append(SignerAt(now).Root));

    public TrustBundle TrustBundle => TrustBundleAt(_time.GetUtcNow());

    /// <summary>
    /// Signs a workload's CSR for <paramref name="identity"/>, the identity its credential proved.
    /// The CSR may repeat that identity and nothing else (see <see cref="CsrPolicy"/>).
    /// </summary>
    /// <param name="csrPem">The PEM certificate signing request.</param>
    /// <param name="identity">Who the requester proved to be (token or certificate), never read from the CSR.</param>
    /// <param name="ttl">The life asked for; null: <see cref="CaPolicy.DefaultTtl"/>.</param>
    /// <exception cref="CsrRefusedException">The CSR or the TTL is refused; every reason is listed.</exception>
    public IssuedCertificate Sign(string csrPem, SpiffeId identity, TimeSpan? ttl = null)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var reasons = new List<string>();
        if (identity.TrustDomain != TrustDomain)
            reasons.Add($"{identity} is of the trust domain {identity.TrustDomain}; this CA signs for {TrustDomain}");
        if (TtlProblem(ttl) is { } t)
            reasons.Add(t);
        PublicKey? key = null;
        try
        {
            key = CsrPolicy.Check(csrPem, identity);
        }
        catch (CsrRefusedException e)
        {
            reasons.AddRange(e.Reasons);
        }
        if (reasons.Count > 0)
            throw new CsrRefusedException(reasons);
        return Issue(key!, identity, [], [], ttl ?? Policy.DefaultTtl);
    }

    /// <summary>
    /// A certificate for a key the caller holds in-process (weftd's own serving certificate):
    /// DNS and IP SANs, and an identity if given.
    /// </summary>
    public IssuedCertificate IssueServing(PublicKey key, SpiffeId? identity, IEnumerable<string> dnsNames, IEnumerable<IPAddress> ipAddresses, TimeSpan? ttl = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Issue(key, identity, dnsNames, ipAddresses, ttl ?? Policy.DefaultTtl);
    }

    private IssuedCertificate Issue(PublicKey key, SpiffeId? identity, IEnumerable<string> dns, IEnumerable<IPAddress> ips, TimeSpan ttl)
    {
        var now = _time.GetUtcNow();
        var signer = SignerAt(now);
        var leaf = LeafBuilder.Build(signer, key, identity, dns, ips, now, ttl);
        return new IssuedCertificate(identity, leaf, [leaf, .. signer.ChainAboveLeaves], TrustBundleAt(now));
    }

    /// <summary>Why <paramref name="ttl"/> is not allowed, or null.</summary>
    public string? TtlProblem(TimeSpan? ttl)
    {
        if (ttl is not { } t)
            return null;
        if (t < Policy.MinTtl)
            return $"the requested lifetime {t} is shorter than the minimum {Policy.MinTtl}";
        if (t > Policy.MaxTtl)
            return $"the requested lifetime {t} is longer than the maximum {Policy.MaxTtl}";
        return null;
    }

    /// <summary>
    /// Starts a root rotation to <paramref name="next"/>: trusted now, signing after
    /// <paramref name="propagation"/>; every current root retires <paramref name="overlap"/> after that.
    /// </summary>
    public MeshCa RotateTo(SigningAuthority next, TimeSpan? propagation = null, TimeSpan? overlap = null)
    {
        ArgumentNullException.ThrowIfNull(next);
        var now = _time.GetUtcNow();
        var signsFrom = now + (propagation ?? Policy.RotationPropagation);
        var retireAt = signsFrom + (overlap ?? Policy.RotationOverlap);
        var kept = Generations.Where(g => g.IsTrustedAt(now))
            .Select(g => g.TrustedUntil is { } until && until <= retireAt ? g : g with { TrustedUntil = retireAt });
        return new MeshCa(TrustDomain, [.. kept, new CaGeneration(next, next.Root, signsFrom, null)], _time, Policy);
    }

    /// <summary>Rotation to a newly generated root (see <see cref="RotateTo"/>).</summary>
    public MeshCa RotateToNewRoot(TimeSpan? propagation = null, TimeSpan? overlap = null) =>
        RotateTo(SigningAuthority.GenerateRoot(TrustDomain, _time.GetUtcNow(), Policy.RootLifetime), propagation, overlap);

    /// <summary>
    /// A plugged-in CA that replaced the previous one (the operator changed the cacerts files):
    /// it signs at once, and the previous roots stay trusted for <paramref name="overlap"/>
    /// so certificates they signed keep working until they are renewed.
    /// </summary>
    public MeshCa ReplacedBy(SigningAuthority plugged, TimeSpan? overlap = null) =>
        PluggedIn(TrustDomain, Generations, plugged, _time, Policy, overlap);

    /// <summary>
    /// A CA whose signer is <paramref name="plugged"/> from now on, keeping the roots of
    /// <paramref name="previous"/> generations trusted (without their keys) for <paramref name="overlap"/>.
    /// The previous generations need not make a working CA (their keys may be unknown).
    /// </summary>
    public static MeshCa PluggedIn(string trustDomain, IEnumerable<CaGeneration> previous, SigningAuthority plugged, TimeProvider time,
        CaPolicy? policy = null, TimeSpan? overlap = null)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(plugged);
        policy ??= new CaPolicy();
        var now = time.GetUtcNow();
        var retireAt = now + (overlap ?? policy.RotationOverlap);
        var kept = previous
            .Where(g => g.IsTrustedAt(now) && !g.Root.RawDataMemory.Span.SequenceEqual(plugged.Root.RawDataMemory.Span))
            .Select(g => new CaGeneration(null, g.Root, g.SignsFrom, g.TrustedUntil is { } until && until <= retireAt ? until : retireAt));
        return new MeshCa(trustDomain, [.. kept, new CaGeneration(plugged, plugged.Root, now, null)], time, policy);
    }

    /// <summary>The same CA without generations whose roots are no longer trusted (to keep what is stored small).</summary>
    public MeshCa Pruned()
    {
        var now = _time.GetUtcNow();
        var signer = SignerAt(now);
        return new MeshCa(TrustDomain, Generations.Where(g => g.IsTrustedAt(now) || ReferenceEquals(g.Authority, signer)), _time, Policy);
    }
}
