using System.Collections.Immutable;
using Weft.Identity.Spiffe;

namespace Weft.Identity.Bootstrap;

/// <summary>
/// The rules of bootstrap tokens: issued for one identity with a lifetime, redeemed at most once,
/// and only for that identity. State lives in memory and is handed to a persistence callback
/// (the control plane writes it to a 0600 file) before any answer leaves: a token is marked used
/// on disk before the certificate it pays for is released, so a crash can burn a token but never
/// let it be used twice.
/// </summary>
public sealed class BootstrapLedger
{
    public static readonly TimeSpan DefaultTtl = TimeSpan.FromHours(1);
    public static readonly TimeSpan MinTtl = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaxTtl = TimeSpan.FromDays(1);

    /// <summary>Used and expired grants are remembered this long, to say "already used" rather than "unknown".</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(1);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Func<ImmutableArray<BootstrapGrant>, CancellationToken, Task> _persist;
    private readonly TimeProvider _time;
    private ImmutableDictionary<string, BootstrapGrant> _grants;

    public BootstrapLedger(IEnumerable<BootstrapGrant> grants, Func<ImmutableArray<BootstrapGrant>, CancellationToken, Task> persist, TimeProvider time)
    {
        _grants = grants.ToImmutableDictionary(g => g.Id, StringComparer.Ordinal);
        _persist = persist;
        _time = time;
    }

    public ImmutableArray<BootstrapGrant> Grants => [.. _grants.Values.OrderBy(g => g.CreatedAt)];

    /// <summary>Why <paramref name="ttl"/> is not a token lifetime, or null.</summary>
    public static string? TtlProblem(TimeSpan ttl) =>
        ttl < MinTtl ? $"{ttl} is shorter than the minimum {MinTtl}"
        : ttl > MaxTtl ? $"{ttl} is longer than the maximum {MaxTtl}; a bootstrap token is short-lived by design"
        : null;

    /// <summary>A new token for <paramref name="identity"/>; the grant is stored before the token is returned.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The lifetime is outside 1 minute..24 hours.</exception>
    public async Task<(BootstrapToken Token, BootstrapGrant Grant)> IssueAsync(SpiffeId identity, TimeSpan ttl, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(identity);
        if (TtlProblem(ttl) is { } problem)
            throw new ArgumentOutOfRangeException(nameof(ttl), problem);
        var token = BootstrapToken.Generate();
        var now = _time.GetUtcNow();
        var grant = new BootstrapGrant(token.Id, identity, [.. token.SecretHash()], now, now + ttl, null);
        await _gate.WaitAsync(ct);
        try
        {
            var next = Prune(_grants, now).Add(grant.Id, grant);
            await _persist(Values(next), ct);
            _grants = next;
        }
        finally
        {
            _gate.Release();
        }
        return (token, grant);
    }

    /// <summary>
    /// Redeems a presented token: checks it, lets <paramref name="issue"/> do the work for the
    /// identity it is bound to (a refusal there leaves the token unused), marks it used durably,
    /// and only then returns the result.
    /// </summary>
    /// <exception cref="BootstrapRefusedException">Malformed, unknown, expired or already used.</exception>
    public async Task<T> RedeemAsync<T>(string presented, Func<BootstrapGrant, T> issue, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(issue);
        if (!BootstrapToken.TryParse(presented, out var token, out var error))
            throw new BootstrapRefusedException(error);
        await _gate.WaitAsync(ct);
        try
        {
            var now = _time.GetUtcNow();
            // Unknown and wrong secret read the same: only the holder of the secret learns more.
            if (!_grants.TryGetValue(token.Id, out var grant) || !token.Matches(grant.SecretHash.AsSpan()))
                throw new BootstrapRefusedException($"the bootstrap token {token} is not known to this control plane (never issued here, mistyped, or forgotten a day after it expired)");
            if (grant.UsedAt is { } used)
                throw new BootstrapRefusedException($"the bootstrap token {token} for {grant.Identity} was already used at {used:yyyy-MM-ddTHH:mm:ssZ}; a token works once (create a new one with 'weft workload token create')");
            if (grant.IsExpiredAt(now))
                throw new BootstrapRefusedException($"the bootstrap token {token} for {grant.Identity} expired at {grant.ExpiresAt:yyyy-MM-ddTHH:mm:ssZ}; create a new one with 'weft workload token create'");
            var result = issue(grant);
            var next = _grants.SetItem(grant.Id, grant with { UsedAt = now });
            await _persist(Values(next), ct);
            _grants = next;
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    private static ImmutableDictionary<string, BootstrapGrant> Prune(ImmutableDictionary<string, BootstrapGrant> grants, DateTimeOffset now)
    {
        var stale = grants.Values.Where(g => now - (g.UsedAt is { } u && u < g.ExpiresAt ? u : g.ExpiresAt) > Retention && (g.UsedAt is not null || g.IsExpiredAt(now)))
            .Select(g => g.Id).ToList();
        return stale.Count == 0 ? grants : grants.RemoveRange(stale);
    }

    private static ImmutableArray<BootstrapGrant> Values(ImmutableDictionary<string, BootstrapGrant> grants) =>
        [.. grants.Values.OrderBy(g => g.CreatedAt)];
}
